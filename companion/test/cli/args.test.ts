import { describe, expect, it } from 'vitest';
import { langFlag, parseCommandLine } from '../../src/cli/args.ts';

describe('parseCommandLine', () => {
  it.each([
    [['start'], { command: 'start', simulator: false }],
    [['start', '--simulator', '--fixtures', 'dir', '--port', '0'], { command: 'start', simulator: true, fixtures: 'dir', port: 0 }],
    [['start', '--port=48000', '--config', 'c.json'], { command: 'start', port: 48_000, config: 'c.json' }],
    [['--lang', 'fr', 'doctor'], { command: 'doctor', lang: 'fr' }],
    [['pair', '--config', 'x.json'], { command: 'pair', config: 'x.json' }],
    [['--help'], { help: true }],
    [['help'], { help: true }],
    [['start', '-h'], { command: 'start', help: true }],
    [['--version'], { version: true }],
  ])('%j', (argv, expected) => {
    const r = parseCommandLine(argv);
    expect(r.ok && r.value).toMatchObject(expected);
  });

  it.each([
    [[], 'no-command'],
    [['serve'], 'unknown-command'],
    [['start', '--bogus'], 'unknown-option'],
    [['pair', '--simulator'], 'unknown-option'],
    [['doctor', '--port', '1234'], 'unknown-option'],
    [['start', '--port'], 'option-needs-value'],
    [['start', 'now'], 'unexpected-argument'],
    [['start', '--lang', 'es'], 'bad-lang'],
    [['start', '--port', '80'], 'bad-port'],
    [['start', '--port', '70000'], 'bad-port'],
    [['start', '--port', '4.5e4'], 'bad-port'],
    [['start', '--fixtures', 'dir'], 'fixtures-need-simulator'],
  ])('%j is refused as %s', (argv, kind) => {
    const r = parseCommandLine(argv);
    expect(r.ok ? 'ok' : r.error.kind).toBe(kind);
  });

  it('finds --lang before anything else is understood', () => {
    expect(langFlag(['start', '--bogus', '--lang', 'de'])).toBe('de');
    expect(langFlag(['--lang=nl'])).toBe('nl');
    expect(langFlag(['--lang', 'xx'])).toBeUndefined();
  });
});
