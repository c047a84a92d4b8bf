import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvInputError, NO_ORGANISATION, checkCsv, contextFromJson, toCsv } from './check-content-csv';

const practice = contextFromJson(
  JSON.stringify({
    organisation: {
      name: 'Riverside',
      phones: ['(555) 010-2000'],
      emails: [],
      addresses: [],
      websites: [],
      staffNames: [],
    },
  }),
);

describe('checkCsv', () => {
  it('reads quoted texts with commas, quotes and line breaks, and checks each as a post and a reply', () => {
    const csv = [
      'id,text',
      '1,"Our patient John Smith, 45, came in for his knee surgery."',
      '2,"Flu clinic on Saturday, Oct 12. Call (555) 010-2000!"',
      '3,"We reviewed your chart.',
      'Please call us."',
      '4,"She said ""best wishes"" to the team"',
    ].join('\n');
    expect(checkCsv(csv, practice)).toEqual([
      { id: '1', blocked: true, rules: ['phi.name', 'reply.patient_relationship'] },
      { id: '2', blocked: false, rules: [] },
      { id: '3', blocked: true, rules: ['reply.patient_relationship'] },
      { id: '4', blocked: false, rules: [] },
    ]);
  });

  it("allows the practice's own phone only when it is given", () => {
    const csv = 'id,text\n1,Call (555) 010-2000 today\n';
    expect(checkCsv(csv, NO_ORGANISATION)[0]).toEqual({ id: '1', blocked: true, rules: ['phi.phone'] });
    expect(checkCsv(csv, practice)[0]).toEqual({ id: '1', blocked: false, rules: [] });
  });

  it('lists warnings without blocking', () => {
    expect(checkCsv('id,text\n7,Get ready with #flushotfacts\n', practice)).toEqual([
      { id: '7', blocked: false, rules: ['a11y.hashtag_case'] },
    ]);
  });

  it.each([
    ['id,text\n1,"never closed\n2,ok\n', 3, /Quote Not Closed/],
    ['id,text\n1,a\n2,b,c\n', 3, /got 3 on line 3/],
    ['name,body\n1,a\n', 1, /expected a header with the columns id and text/],
  ])('names the line of a malformed file (%j)', (csv, line, message) => {
    let error: unknown;
    try {
      checkCsv(csv, practice);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvInputError);
    expect((error as CsvInputError).line).toBe(line);
    expect((error as CsvInputError).message).toMatch(new RegExp(`^line ${line}: `));
    expect((error as CsvInputError).message).toMatch(message);
  });
});

describe('toCsv', () => {
  it('writes id,blocked,rules and quotes what needs it', () => {
    expect(
      toCsv([
        { id: 'a', blocked: true, rules: ['phi.name', 'reply.patient_relationship'] },
        { id: 'b,"2"', blocked: false, rules: [] },
      ]),
    ).toBe('id,blocked,rules\na,1,phi.name;reply.patient_relationship\n"b,""2""",0,\n');
  });
});

describe('npm run check-content', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-content-'));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'main.ts'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.server.json' },
      cwd: join(__dirname, '../../..'),
    });

  it('prints the CSV answer and exits 0', () => {
    const file = join(dir, 'ok.csv');
    writeFileSync(file, 'id,text\n1,We reviewed your chart\n2,Happy Friday!\n');
    const result = run(file);
    expect(result.stdout).toBe('id,blocked,rules\n1,1,reply.patient_relationship\n2,0,\n');
    expect(result.status).toBe(0);
  }, 30_000);

  it('explains a malformed file with its line and exits non-zero', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'id,text\n1,fine\n2,"broken\n');
    const result = run(file);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/bad\.csv: line 3: /);
  }, 30_000);
});
