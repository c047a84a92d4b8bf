import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * Tables the application may only read and append to: no UPDATE, DELETE or TRUNCATE for the
 * application's role, whatever the default privileges give it. A post's versions too: an edit
 * adds a version and never changes an old one (a draft deleted before it was ever submitted takes
 * its versions with it, through the foreign key, which runs as the table's owner). And the
 * review decisions (compliance rules A1, A2): a decision is recorded once and kept as made.
 */
export const APPEND_ONLY_TABLES = ['audit_entry', 'post_version', 'approval'] as const;

/** Tables the application never touches (the migration bookkeeping). */
const OWNER_ONLY_TABLES = ['migrations'] as const;

/** A role name that is safe to quote as an SQL identifier. */
const ROLE_NAME = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;

/** The user name of a PostgreSQL URL, or null when it names none. */
export function roleOfUrl(url: string): string | null {
  const user = decodeURIComponent(new URL(url).username);
  return user === '' ? null : user;
}

function ident(name: string): string {
  if (!ROLE_NAME.test(name)) throw new Error(`"${name}" is not a usable PostgreSQL role name`);
  return `"${name}"`;
}

/**
 * Give the application's role what it needs and nothing more, as the schema's owner: read and
 * write on every table and sequence of `public` (also on tables created later, through default
 * privileges), only SELECT and INSERT on the append-only tables, nothing on the migration
 * bookkeeping, and no CREATE on the schema. Idempotent; runs after every migration run so tables
 * added by any migration are covered. Does nothing when the owner is the application's role.
 */
export async function grantAppRole(manager: EntityManager, appRole: string): Promise<boolean> {
  const [{ owner }] = (await manager.query(`SELECT current_user AS owner`)) as Array<{ owner: string }>;
  if (owner === appRole) return false;
  const app = ident(appRole);
  const own = ident(owner);
  const statements = [
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
    `REVOKE ALL ON SCHEMA public FROM ${app}`,
    `GRANT USAGE ON SCHEMA public TO ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${own} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${own} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
  ];
  for (const table of APPEND_ONLY_TABLES) {
    statements.push(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${table} FROM ${app}`);
  }
  for (const table of OWNER_ONLY_TABLES) {
    statements.push(`REVOKE ALL ON ${table} FROM ${app}`);
  }
  for (const sql of statements) await manager.query(sql);
  return true;
}

/** What `ensureLoginRole` needs of a connection (a `pg` Client will do). */
export interface RoleAdminConnection {
  query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

const SCRAM_ITERATIONS = 4096;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802/7677, PostgreSQL's
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`). Given to `PASSWORD '…'`, it is
 * stored as it is, so the password itself never appears in a statement (nor in a statement log).
 * Only for ASCII passwords: PostgreSQL normalises others (SASLprep) before hashing; null then.
 */
export function scramSha256Verifier(
  password: string,
  salt: Buffer = randomBytes(16),
  iterations = SCRAM_ITERATIONS,
): string | null {
  if ([...password].some((c) => c.charCodeAt(0) > 0x7f)) return null;
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/**
 * Create a role that can sign in and owns nothing, or correct it if it exists; as a role that
 * may create roles. `password` is set on creation, and on an existing role too unless
 * `keepPassword` (then several processes may call this at once without updating the role). The
 * statement carries the password's SCRAM verifier, not the password (unless it is not ASCII).
 */
export async function ensureLoginRole(
  connection: RoleAdminConnection,
  role: string,
  password: string | null,
  options: { keepPassword?: boolean } = {},
): Promise<void> {
  const name = ident(role);
  const secret = password === null ? null : (scramSha256Verifier(password) ?? password);
  const withPassword = secret === null ? '' : ` PASSWORD '${secret.replace(/'/g, "''")}'`;
  const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS${withPassword}`;
  const { rows } = await connection.query(
    `SELECT rolcanlogin AND NOT (rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls) AS fit
       FROM pg_roles WHERE rolname = $1`,
    [role],
  );
  if (rows.length && rows[0]['fit'] === true && (password === null || options.keepPassword)) return;
  if (!rows.length) {
    try {
      await connection.query(`CREATE ROLE ${name} ${attributes}`);
      return;
    } catch (err) {
      // duplicate_object, or unique_violation when another process created it at the same moment
      const code = (err as { code?: string }).code;
      if (code !== '42710' && code !== '23505') throw err;
    }
  }
  await connection.query(`ALTER ROLE ${name} ${attributes}`);
}
