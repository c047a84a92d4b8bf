import { computed, inject, type Signal } from '@angular/core';
import { AuthStore } from '@carecast/web/core';
import { connectedChannels, injectChannelReadiness, type ChannelReadiness } from './channel-readiness';

/** What a page that lists channel content says while it has nothing, and what it offers to do. */
export interface EmptyStateCopy {
  heading: string;
  text: string;
  /** A link to the Channels page, only for people who may connect channels. */
  action: { label: string; link: string } | null;
}

const CONNECT = { label: 'Connect channels', link: '/channels' };
const GO_TO_CHANNELS = { label: 'Go to channels', link: '/channels' };

/**
 * The sentence about channels for an organisation that has none working, fitting what the person
 * may do: only those who may connect channels are asked to (and get the link).
 */
function noChannels(
  readiness: ChannelReadiness,
  canConnect: boolean,
): Pick<EmptyStateCopy, 'action'> & {
  sentence: string;
} {
  if (readiness.state !== 'none') return { sentence: '', action: null };
  if (readiness.other > 0) {
    return canConnect
      ? {
          sentence: 'None of your channels is connected right now: reconnect or turn one on first.',
          action: GO_TO_CHANNELS,
        }
      : {
          sentence: 'None of your channels is connected right now; an administrator can reconnect them.',
          action: null,
        };
  }
  return canConnect
    ? {
        sentence: 'Start by connecting the Facebook Pages, X account and blogs your practice posts to.',
        action: CONNECT,
      }
    : {
        sentence:
          'No channels are connected yet; an administrator connects the Facebook Pages, X account and blogs your practice posts to.',
        action: null,
      };
}

function join(...sentences: string[]): string {
  return sentences.filter(Boolean).join(' ');
}

export function calendarEmptyState(readiness: ChannelReadiness, canConnect: boolean): EmptyStateCopy {
  const heading = 'Nothing is scheduled yet';
  const lead =
    "Posts appear here by day, in your organisation's time zone, once they are approved and scheduled.";
  if (readiness.state === 'connected') {
    return {
      heading,
      text: join(
        lead,
        `Drafting and scheduling are on their way; ${connectedChannels(readiness.count)} ${readiness.count === 1 ? 'is' : 'are'} ready for them.`,
      ),
      action: null,
    };
  }
  const { sentence, action } = noChannels(readiness, canConnect);
  return { heading, text: join(lead, sentence), action };
}

export function inboxEmptyState(readiness: ChannelReadiness, canConnect: boolean): EmptyStateCopy {
  const heading = 'No mentions listed yet';
  const rest = 'will be listed here, urgent ones first, with a reply deadline, once the inbox arrives.';
  if (readiness.state === 'connected') {
    const from = connectedChannels(readiness.count);
    return {
      heading,
      text: `Comments and mentions from ${from} ${rest}`,
      action: null,
    };
  }
  const { sentence, action } = noChannels(readiness, canConnect);
  return { heading, text: join(`Comments and mentions from connected channels ${rest}`, sentence), action };
}

/**
 * What a page that lists channel content says while it has nothing, from `copyFor`: null while
 * the channels are still being read (call in an injection context).
 */
export function injectChannelEmptyState(
  copyFor: (readiness: ChannelReadiness, canConnect: boolean) => EmptyStateCopy,
): Signal<EmptyStateCopy | null> {
  const auth = inject(AuthStore);
  const readiness = injectChannelReadiness();
  return computed(() => {
    const current = readiness();
    return current.state === 'loading' ? null : copyFor(current, auth.can('channels.manage'));
  });
}
