import { Inject, Injectable } from '@nestjs/common';
import type { ChannelKind } from '@carecast/shared/contracts';
import { CHANNEL_ADAPTERS, type ChannelAdapter } from './channel-adapter';

/** The adapters registered through CHANNEL_ADAPTERS, by kind. */
@Injectable()
export class ChannelAdapterRegistry {
  private readonly byKind: Map<ChannelKind, ChannelAdapter>;

  constructor(@Inject(CHANNEL_ADAPTERS) adapters: ChannelAdapter[]) {
    this.byKind = new Map();
    for (const adapter of adapters) {
      if (this.byKind.has(adapter.kind))
        throw new Error(`Two channel adapters registered for "${adapter.kind}"`);
      this.byKind.set(adapter.kind, adapter);
    }
  }

  get(kind: ChannelKind): ChannelAdapter {
    const adapter = this.byKind.get(kind);
    if (!adapter) throw new Error(`No channel adapter is registered for "${kind}"`);
    return adapter;
  }

  kinds(): ChannelKind[] {
    return [...this.byKind.keys()];
  }
}
