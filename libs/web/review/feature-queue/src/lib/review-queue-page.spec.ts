import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { ReviewQueueItem, Role } from '@carecast/shared/contracts';
import { AuthStore } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { REVIEW_QUEUE_URL } from '@carecast/web/review/data-access';
import { aQueueItem } from '@carecast/web/review/data-access/testing';
import { ReviewQueuePage } from './review-queue-page';

describe('ReviewQueuePage', () => {
  let fixture: ComponentFixture<ReviewQueuePage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve));
    }
  };

  const alert = aQueueItem({
    id: 'p-alert',
    kind: 'health_alert',
    urgency: 'emergency',
    text: 'Closed today: snow.',
    submittedAt: '2026-03-02T16:00:00.000Z',
    scheduledAt: null,
    blockingFindings: 1,
  });
  const changed = aQueueItem({
    id: 'p-old',
    submittedAt: '2026-03-01T09:00:00.000Z',
    changedSinceMyLastDecision: true,
    changedParts: ['Text', 'Spanish text'],
  });

  async function setup(items: ReviewQueueItem[] = [alert, changed], roles: Role[] = ['reviewer']) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(AuthStore).setMe(aMe(roles));
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ReviewQueuePage);
    el = fixture.nativeElement;
    document.body.appendChild(el);
    await fixture.whenStable();
    http.expectOne((r) => r.url === REVIEW_QUEUE_URL).flush(items);
    await settle();
  }

  afterEach(() => {
    http.verify();
    el?.remove();
  });

  it('leads with the counts, then the rows oldest first with what changed, blocking findings and the time in the org zone', async () => {
    await setup();
    expect(text(el.querySelector('.page__lead'))).toContain('America/New_York');
    const counts = Array.from(el.querySelectorAll('.count')).map(text);
    expect(counts[0]).toBe('2 waiting for you');
    expect(counts[1]).toBe('1 emergency alert');
    expect(counts[2]).toBe('1 changed since your last review');
    const rows = Array.from(el.querySelectorAll('.row'));
    expect(rows.map((r) => r.querySelector('a')?.getAttribute('href'))).toEqual([
      '/posts/p-old',
      '/posts/p-alert',
    ]);
    expect(text(rows[0])).toContain('Changed since your last review: Text, Spanish text');
    expect(text(rows[0])).toContain('No blocking findings');
    expect(text(rows[0])).toMatch(/Goes out Mar 5, 2026, 9:00 AM EST/);
    expect(text(rows[1])).toContain('Emergency health alert');
    expect(rows[1].classList).toContain('row--emergency');
    expect(text(rows[1])).toContain('1 blocking finding');
    expect(text(rows[1])).toContain('No time set');
    expect(text(el)).toContain('j next');
    // All of it came with the queue: no request per row.
    http.expectNone((r) => r.url !== REVIEW_QUEUE_URL);
  });

  it('moves with j/k and opens the chosen post with Enter', async () => {
    await setup();
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    await settle();
    expect(el.querySelector('.row--chosen a')?.getAttribute('href')).toBe('/posts/p-alert');
    expect(document.activeElement?.getAttribute('href')).toBe('/posts/p-alert');
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true }));
    await settle();
    expect(el.querySelector('.row--chosen a')?.getAttribute('href')).toBe('/posts/p-old');
    (document.activeElement as HTMLElement).blur();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(navigate).toHaveBeenCalledWith(['/posts', 'p-old']);
  });

  it('says so when nothing waits, with a way on', async () => {
    await setup([]);
    expect(text(el.querySelector('cc-empty-state'))).toContain('Nothing waiting for review');
    expect(el.querySelector('.count')).toBeNull();
  });

  it('tells a viewer (who cannot decide) how many are in review, not "waiting for you"', async () => {
    await setup([changed], ['viewer']);
    expect(text(el.querySelector('.count'))).toBe('1 in review');
    expect(text(el.querySelector('.row__status'))).toBe('In review');
  });
});
