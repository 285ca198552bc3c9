/**
 * DNS-rebinding defence: a web page that gets a hostile name resolved to
 * 127.0.0.1 still sends its own name in `Host`. Only the two spellings of
 * this very listener are accepted.
 */
export function allowedHosts(port: number): readonly string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return allowedHosts(port).includes(host.toLowerCase());
}
