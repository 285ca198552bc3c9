/** `application/json`, optionally with `charset=utf-8` (any other charset is refused). */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => {
    const [name, value] = p.split('=').map((s) => s.trim());
    if (name !== 'charset') return true;
    return value?.replace(/^"|"$/g, '') === 'utf-8';
  });
}
