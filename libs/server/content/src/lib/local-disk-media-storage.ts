import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { MediaStorage } from './media-storage';

/** `<uuid>/<uuid>.<ext>`: the only keys this store accepts (nothing can point outside its folder). */
const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}\.(jpg|png|webp|gif)$/;

/** Image files in a folder on this machine (`MEDIA_DIR`), readable by the server's user only. */
@Injectable()
export class LocalDiskMediaStorage extends MediaStorage {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.root = resolve(config.media.dir);
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a media storage key: ${JSON.stringify(key.slice(0, 80))}`);
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error('media storage key outside the folder');
    return path;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // Written whole, then renamed: a reader never sees half a file.
    const partial = join(dirname(path), `.${randomBytes(8).toString('hex')}.partial`);
    await writeFile(partial, bytes, { mode: 0o600, flag: 'wx' });
    await rename(partial, path);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
