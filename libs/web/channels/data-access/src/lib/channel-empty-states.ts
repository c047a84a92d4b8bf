import { computed, inject, type Signal } from '@angular/core';
import { AuthStore } from '@carecast/web/core';
import { connectedChannels, injectChannelReadiness, type ChannelReadiness } from './channel-readiness';

/** A link an empty page offers (the first one is the main one). */
export interface EmptyStateAction {
  label: string;
  link: string;
  queryParams?: Record<string, string>;
}

/** What a page that lists channel content says while it has nothing, and what it offers to do. */
export interface EmptyStateCopy {
  heading: string;
  text: string;
  /**
   * What the person may do from here, only what their role allows: connect channels (those who
   * manage channels), or write a post (those who write content).
   */
  actions: EmptyStateAction[];
}

/** What the person looking may do, which decides what an empty page asks of them. */
export interface EmptyStateViewer {
  /** May connect channels (channels.manage). */
  canConnect: boolean;
  /** May write posts (content.write). */
  canWrite: boolean;
}

const CONNECT: EmptyStateAction = { label: 'Connect channels', link: '/channels' };
const GO_TO_CHANNELS: EmptyStateAction = { label: 'Go to channels', link: '/channels' };
const NEW_POST: EmptyStateAction = { label: 'New post', link: '/posts/new' };
const FROM_A_TEMPLATE: EmptyStateAction = {
  label: 'Start from a template',
  link: '/posts/new',
  queryParams: { template: 'choose' },
};

/**
 * The sentence about channels for an organisation that has none working, fitting what the person
 * may do: only those who may connect channels are asked to (and get the link).
 */
function noChannels(
  readiness: ChannelReadiness,
  canConnect: boolean,
): Pick<EmptyStateCopy, 'actions'> & {
  sentence: string;
} {
  if (readiness.state !== 'none') return { sentence: '', actions: [] };
  if (readiness.other > 0) {
    return canConnect
      ? {
          sentence: 'None of your channels is connected right now: reconnect or turn one on first.',
          actions: [GO_TO_CHANNELS],
        }
      : {
          sentence: 'None of your channels is connected right now; an administrator can reconnect them.',
          actions: [],
        };
  }
  return canConnect
    ? {
        sentence: 'Start by connecting the Facebook Pages, X account and blogs your practice posts to.',
        actions: [CONNECT],
      }
    : {
        sentence:
          'No channels are connected yet; an administrator connects the Facebook Pages, X account and blogs your practice posts to.',
        actions: [],
      };
}

function join(...sentences: string[]): string {
  return sentences.filter(Boolean).join(' ');
}

/**
 * The empty calendar. Posts can be written and sent for review already; the calendar view of
 * scheduled posts comes with scheduling. With channels ready, people who write posts are offered
 * to start one.
 */
export function calendarEmptyState(readiness: ChannelReadiness, viewer: EmptyStateViewer): EmptyStateCopy {
  const heading = 'Nothing is scheduled yet';
  const lead =
    "Posts appear here by day, in your organisation's time zone, once they are approved and scheduled.";
  const later = 'The calendar view of scheduled posts comes with scheduling.';
  if (readiness.state === 'connected') {
    const channels = connectedChannels(readiness.count);
    return viewer.canWrite
      ? {
          heading,
          text: join(lead, later, `Meanwhile, write posts for ${channels} and send them for review.`),
          actions: [NEW_POST, FROM_A_TEMPLATE],
        }
      : {
          heading,
          text: join(
            lead,
            later,
            `Until then, ${channels} ${readiness.count === 1 ? 'is' : 'are'} ready for posts.`,
          ),
          actions: [],
        };
  }
  const { sentence, actions } = noChannels(readiness, viewer.canConnect);
  return { heading, text: join(lead, sentence), actions };
}

export function inboxEmptyState(readiness: ChannelReadiness, viewer: EmptyStateViewer): EmptyStateCopy {
  const heading = 'No mentions listed yet';
  const rest = 'will be listed here, urgent ones first, with a reply deadline, once the inbox arrives.';
  if (readiness.state === 'connected') {
    const from = connectedChannels(readiness.count);
    return {
      heading,
      text: `Comments and mentions from ${from} ${rest}`,
      actions: [],
    };
  }
  const { sentence, actions } = noChannels(readiness, viewer.canConnect);
  return { heading, text: join(`Comments and mentions from connected channels ${rest}`, sentence), actions };
}

/**
 * What a page that lists channel content says while it has nothing, from `copyFor`: null while
 * the channels are still being read (call in an injection context).
 */
export function injectChannelEmptyState(
  copyFor: (readiness: ChannelReadiness, viewer: EmptyStateViewer) => EmptyStateCopy,
): Signal<EmptyStateCopy | null> {
  const auth = inject(AuthStore);
  const readiness = injectChannelReadiness();
  return computed(() => {
    const current = readiness();
    return current.state === 'loading'
      ? null
      : copyFor(current, { canConnect: auth.can('channels.manage'), canWrite: auth.can('content.write') });
  });
}
