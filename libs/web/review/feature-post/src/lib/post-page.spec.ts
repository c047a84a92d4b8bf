import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import type { Me, PostDetail, Role } from '@carecast/shared/contracts';
import { AuthStore } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { postUrl } from '@carecast/web/review/data-access';
import { aPost, aReviewState, DANA } from '@carecast/web/review/data-access/testing';
import { PostPage } from './post-page';

describe('PostPage', () => {
  let fixture: ComponentFixture<unknown>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const buttons = () => Array.from(el.querySelectorAll('button, a')).map(text);
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve));
    }
  };

  /** Opens the page as `roles` (user u-1), answering the post, its review state and the first tab. */
  async function open(post: PostDetail, roles: Role[], allowed?: string[]) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(AuthStore).setMe(aMe(roles));
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PostPage);
    fixture.componentRef.setInput('id', post.id);
    el = fixture.nativeElement;
    await settle();
    http.expectOne(postUrl(post.id)).flush(post);
    const review = aReviewState(post, roles, 'u-1');
    http
      .expectOne(postUrl(post.id, 'review'))
      .flush(allowed ? { ...review, allowedActions: allowed } : review);
    await settle();
    // The outside approvers, the versions and the history (first tab) are read when shown.
    flushSections();
    await settle();
    flushSections();
  }

  function flushSections(): void {
    for (const r of http.match((r) => /\/(outside-reviews|versions|history)$/.test(r.url))) r.flush([]);
    for (const r of http.match((r) => r.url.endsWith('/changes')))
      r.flush({ fromRevision: 2, toRevision: 3, changes: [] });
  }

  afterEach(() => http.verify());

  it('shows a reviewer the post per channel, the finding marked in the text, and Approve / Request changes / Override', async () => {
    await open(aPost(), ['reviewer']);
    expect(text(el.querySelector('h1'))).toBe('Urgent health alert');
    expect(text(el.querySelector('.state'))).toBe('In review');
    const mark = el.querySelector('cc-post-preview mark.mark--block');
    expect(text(mark)).toBe('03/14/1962');
    expect(text(el.querySelector('cc-review-findings'))).toContain(
      'Remove the date, or write only the month.',
    );
    expect(buttons()).toEqual(
      expect.arrayContaining([
        'Approve',
        'Request changes',
        'Override this finding…',
        'Ask an outside approver…',
      ]),
    );
    expect(buttons()).not.toContain('Submit for review');
    // Blocked: approving waits for the finding to be fixed or overridden.
    const approve = Array.from(el.querySelectorAll('button')).find((b) => text(b) === 'Approve');
    expect(approve?.disabled).toBe(true);
  });

  it('never shows the author Approve on their own post, even with every permission and an api that lists it', async () => {
    const mine = aPost({ author: { id: 'u-1', name: 'Avery Morgan' } });
    await open(mine, ['admin'], ['edit', 'approve', 'request_changes', 'cancel']);
    expect(buttons()).not.toContain('Approve');
    expect(buttons()).not.toContain('Request changes');
    expect(buttons()).not.toContain('Override this finding…');
    expect(buttons()).not.toContain('Ask an outside approver…');
    expect(text(el)).toContain('You wrote this post, so another reviewer must approve it.');
    expect(buttons()).toEqual(expect.arrayContaining(['Edit', 'Cancel post…']));
  });

  it('shows a marketer on their draft Submit, Edit and Cancel, and no reviewer action', async () => {
    const draft = aPost({ state: 'draft', author: { id: 'u-1', name: 'Dana Whitfield' }, findings: [] });
    await open(draft, ['marketer']);
    expect(buttons()).toEqual(expect.arrayContaining(['Submit for review', 'Edit', 'Cancel post…']));
    expect(el.querySelector('a[href="/posts/p-1/edit"]')).not.toBeNull();
    expect(buttons()).not.toContain('Approve');
    expect(buttons()).not.toContain('Request changes');
    expect(text(el.querySelector('cc-review-findings'))).toContain('The checks found nothing to fix.');
  });

  it('shows a viewer the post and no action', async () => {
    await open(aPost({ author: DANA }), ['viewer']);
    for (const name of [
      'Approve',
      'Request changes',
      'Submit for review',
      'Edit',
      'Cancel post…',
      'Override this finding…',
    ])
      expect(buttons()).not.toContain(name);
  });

  it('refuses to request changes without a comment, and sends the comment with it', async () => {
    await open(aPost(), ['reviewer']);
    const request = Array.from(el.querySelectorAll('button')).find(
      (b) => text(b) === 'Request changes',
    ) as HTMLButtonElement;
    request.click();
    await settle();
    http.expectNone(postUrl('p-1', 'request-changes'));
    expect(text(el.querySelector('cc-review-actions'))).toContain('Say what should change');
    const box = el.querySelector('#decision-comment') as HTMLTextAreaElement;
    box.value = 'Remove the date of birth.';
    box.dispatchEvent(new Event('input'));
    request.click();
    await settle();
    const req = http.expectOne(postUrl('p-1', 'request-changes'));
    expect(req.request.body).toEqual({ comment: 'Remove the date of birth.' });
    req.flush({
      postId: 'p-1',
      from: 'in_review',
      state: 'changes_requested',
      approvals: 0,
      requiredApprovals: 1,
    });
    await settle();
    const back = aPost({ state: 'changes_requested' });
    http.expectOne(postUrl('p-1')).flush(back);
    http.expectOne(postUrl('p-1', 'review')).flush(aReviewState(back, ['reviewer']));
    await settle();
    flushSections();
    await settle();
    expect(text(el.querySelector('.notices'))).toContain('Sent back to the author with your comment.');
    expect(text(el.querySelector('.state'))).toBe('Changes requested');
    expect(buttons()).not.toContain('Approve');
  });

  describe('the way back', () => {
    @Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
    class Elsewhere {}

    /** Goes through `from` (if any) to the post's page as `me`, answering what the page reads. */
    async function arrive(from: string | null, me: Me): Promise<HTMLElement> {
      TestBed.configureTestingModule({
        providers: [
          provideHttpClient(),
          provideHttpClientTesting(),
          provideRouter(
            [
              { path: 'posts', component: Elsewhere },
              { path: 'review', component: Elsewhere },
              { path: 'calendar', component: Elsewhere },
              { path: 'posts/:id', component: PostPage },
            ],
            withComponentInputBinding(),
          ),
        ],
      });
      TestBed.inject(AuthStore).setMe(me);
      http = TestBed.inject(HttpTestingController);
      const harness = await RouterTestingHarness.create();
      if (from) await harness.navigateByUrl(from);
      await harness.navigateByUrl('/posts/p-1');
      fixture = harness.fixture;
      await settle();
      const post = aPost();
      http.expectOne(postUrl(post.id)).flush(post);
      http.expectOne(postUrl(post.id, 'review')).flush(aReviewState(post, me.roles, 'u-1'));
      await settle();
      flushSections();
      await settle();
      flushSections();
      return harness.routeNativeElement as HTMLElement;
    }

    const backLink = (root: HTMLElement) => {
      const link = root.querySelector('.back a');
      return [text(link), link?.getAttribute('href')];
    };

    it('leads back to the review queue for a reviewer who came from it, or from anywhere else', async () => {
      expect(backLink(await arrive('/review', aMe(['reviewer'])))).toEqual(['← Review queue', '/review']);
      TestBed.resetTestingModule();
      expect(backLink(await arrive(null, aMe(['reviewer'])))).toEqual(['← Review queue', '/review']);
      TestBed.resetTestingModule();
      expect(backLink(await arrive('/calendar', aMe(['reviewer'])))).toEqual(['← Review queue', '/review']);
    });

    it('leads back to the posts for someone who came from them', async () => {
      expect(backLink(await arrive('/posts', aMe(['marketer'])))).toEqual(['← Posts', '/posts']);
      TestBed.resetTestingModule();
      expect(backLink(await arrive('/posts', aMe(['reviewer'])))).toEqual(['← Posts', '/posts']);
    });

    it('leads to the posts for someone who may not read the review queue', async () => {
      const me = aMe(['viewer'], { permissions: ['content.read'] });
      expect(backLink(await arrive(null, me))).toEqual(['← Posts', '/posts']);
    });
  });
});
