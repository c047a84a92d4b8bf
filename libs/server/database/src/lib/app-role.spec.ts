import { ensureLoginRole, scramSha256Verifier, type RoleAdminConnection } from './app-role';

/** A connection that records each statement; the role exists (or not) as told. */
function recording(exists: boolean) {
  const statements: string[] = [];
  const connection: RoleAdminConnection = {
    query: async (sql: string) => {
      statements.push(sql);
      return { rows: sql.includes('FROM pg_roles') && exists ? [{ fit: true }] : [] };
    },
  };
  return { statements, connection };
}

describe('ensureLoginRole', () => {
  it.each([
    ['creating', false, /^CREATE ROLE "carecast_app" LOGIN NOSUPERUSER/],
    ['changing', true, /^ALTER ROLE "carecast_app" LOGIN NOSUPERUSER/],
  ])(
    'puts the SCRAM verifier in the statement when %s the role, never the password',
    async (_, exists, sql) => {
      const { statements, connection } = recording(exists);
      await ensureLoginRole(connection, 'carecast_app', "s3cret-o'brien");
      const last = statements[statements.length - 1];
      expect(last).toMatch(sql);
      expect(last).toMatch(
        / PASSWORD 'SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+'$/,
      );
      expect(statements.join('\n')).not.toContain('s3cret');
    },
  );

  it('keeps the password of a fitting role when asked to', async () => {
    const { statements, connection } = recording(true);
    await ensureLoginRole(connection, 'carecast_app', 'whatever', { keepPassword: true });
    expect(statements).toHaveLength(1);
  });

  it('refuses a role name that is not a plain identifier', async () => {
    const { connection } = recording(false);
    await expect(ensureLoginRole(connection, 'app"; DROP ROLE x; --', 'p')).rejects.toThrow(
      /not a usable PostgreSQL role name/,
    );
  });
});

describe('scramSha256Verifier', () => {
  it('is salted: the same password gives another verifier each time', () => {
    expect(scramSha256Verifier('pencil')).not.toBe(scramSha256Verifier('pencil'));
  });

  it('gives none for a password PostgreSQL would normalise first (not ASCII)', () => {
    expect(scramSha256Verifier('pässword')).toBeNull();
  });
});
