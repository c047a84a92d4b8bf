// A real WordPress for the contract tests: Debian's `wordpress` package on its own MariaDB,
// served by `php -S` on a free local port (tools/wordpress/start-wordpress.sh).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface WordPressAccount {
  userId: number;
  username: string;
  applicationPassword: string;
}

export interface RealWordPress {
  siteUrl: string;
  wordpressVersion: string;
  /** The account Carecast connects with (Editor role). */
  editor: WordPressAccount;
  /** The site's administrator (moderates comments in the tests). */
  admin: WordPressAccount;
  /** An Author: may publish, may not moderate comments. */
  author: WordPressAccount;
  stop(): Promise<void>;
}

const SCRIPT = join(__dirname, '../../../../tools/wordpress/start-wordpress.sh');
const PACKAGES = 'wordpress php-cli php-mysql mariadb-server';

/** What is missing to run a real WordPress here, or null when everything is installed. */
export function missingForRealWordPress(): string | null {
  const check = spawnSync(
    'bash',
    [
      '-c',
      'PATH="$PATH:/usr/sbin"; for t in php mariadbd mariadb-install-db; do command -v "$t" >/dev/null || echo "$t"; done; ' +
        '[ -f /usr/share/wordpress/wp-settings.php ] || echo wordpress; ' +
        'command -v php >/dev/null && { php -r \'exit(extension_loaded("mysqli") ? 0 : 1);\' || echo php-mysql; }',
    ],
    { encoding: 'utf8' },
  );
  const missing = check.stdout.trim().split(/\s+/).filter(Boolean);
  return missing.length ? `${missing.join(', ')} missing (apt-get install ${PACKAGES})` : null;
}

/** Starts a fresh site and resolves once it answers; `stop()` ends it and removes its files. */
export function startRealWordPress(timeoutMs = 60_000): Promise<RealWordPress> {
  const child = spawn('bash', [SCRIPT], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise<RealWordPress>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      void stop().then(() => reject(new Error(`WordPress did not start within ${timeoutMs} ms.\n${stderr}`)));
    }, timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = /^WORDPRESS_READY (.+)$/m.exec(stdout);
      if (!line) return;
      clearTimeout(timer);
      const info = JSON.parse(line[1]) as Omit<RealWordPress, 'stop'>;
      resolve({ ...info, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start-wordpress.sh exited with ${code} before WordPress was ready.\n${stderr}`));
    });
  });
}
