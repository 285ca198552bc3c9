import { describe, expect, it } from 'vitest';
import { parseInsz } from '../../../lib/identifiers/insz.ts';

describe('insz smoke', () => {
  it('accepts the domain example', () => {
    expect(parseInsz('85.07.30-033.28')).toMatchObject({ ok: true, value: { insz: '85073003328' } });
  });
});
