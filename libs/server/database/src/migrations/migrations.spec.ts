import { readdirSync } from 'node:fs';
import { MIGRATIONS } from './index';

describe('migration registry', () => {
  it('lists every migration file of the folder, oldest first', () => {
    const files = readdirSync(__dirname)
      .filter((f) => /^\d{13}-.+\.ts$/.test(f))
      .sort();
    const timestamps = MIGRATIONS.map((m) => m.name.match(/(\d{13})$/)?.[1]);
    expect(timestamps).toEqual(files.map((f) => f.slice(0, 13)));
  });

  it('gives each migration a unique name ending in its timestamp', () => {
    const names = MIGRATIONS.map((m) => new m().name);
    expect(new Set(names).size).toBe(names.length);
    names.forEach((n) => expect(n).toMatch(/\d{13}$/));
  });
});
