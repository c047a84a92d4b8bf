import { DestroyRef, inject, signal, Signal } from '@angular/core';
import type { ChannelSummary } from '@carecast/shared/contracts';
import { ChannelsService } from './channels.service';

/**
 * Where the organisation stands with its channels, for pages that depend on them:
 * - `loading`: still asking;
 * - `unknown`: the list could not be read (say nothing about channels then);
 * - `none`: no channel is connected; `other` counts the ones that are there but need
 *   reconnecting or are turned off;
 * - `connected`: how many channels are connected and working.
 */
export type ChannelReadiness =
  | { state: 'loading' }
  | { state: 'unknown' }
  | { state: 'none'; other: number }
  | { state: 'connected'; count: number };

export function channelReadiness(channels: readonly ChannelSummary[]): ChannelReadiness {
  const count = channels.filter((c) => c.status === 'connected').length;
  return count > 0 ? { state: 'connected', count } : { state: 'none', other: channels.length };
}

/**
 * The current organisation's channel readiness, read once from the channels list (call in an
 * injection context).
 */
export function injectChannelReadiness(): Signal<ChannelReadiness> {
  const readiness = signal<ChannelReadiness>({ state: 'loading' });
  const subscription = inject(ChannelsService)
    .list()
    .subscribe({
      next: (channels) =>
        readiness.set(Array.isArray(channels) ? channelReadiness(channels) : { state: 'unknown' }),
      error: () => readiness.set({ state: 'unknown' }),
    });
  inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  return readiness.asReadonly();
}

/** "4 connected channels", "your connected channel". */
export function connectedChannels(count: number): string {
  return count === 1 ? 'your connected channel' : `your ${count} connected channels`;
}
