import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { outsideReviewUrl } from '@carecast/web/review/data-access';
import { anOutsideReviewPage } from '@carecast/web/review/data-access/testing';
import { OutsideReviewPage } from './outside-review-page';

describe('OutsideReviewPage', () => {
  let fixture: ComponentFixture<OutsideReviewPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const button = (name: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => text(b) === name) as HTMLButtonElement;
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve));
    }
  };
  const refusal = (status: number, message: string) =>
    [
      { statusCode: status, error: 'x', message, requestId: 'r' },
      { status, statusText: 'x' },
    ] as const;

  async function open(answer: (req: ReturnType<HttpTestingController['expectOne']>) => void) {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(OutsideReviewPage);
    fixture.componentRef.setInput('token', 'tok');
    el = fixture.nativeElement;
    await settle();
    answer(http.expectOne(outsideReviewUrl('tok')));
    await settle();
  }

  afterEach(() => http.verify());

  it('shows the post, who asked and until when the link works, and records an approval', async () => {
    await open((req) => req.flush(anOutsideReviewPage()));
    expect(text(el.querySelector('h1'))).toBe('Review this urgent health alert');
    expect(text(el)).toContain('Marcus Lee at Riverside Family Medicine asks you, Dr. Ana Ruiz');
    expect(text(el)).toContain('This link works once, until');
    expect(text(el.querySelector('cc-post-preview'))).toContain('Closed today for snow.');
    button('Approve').click();
    await settle();
    const req = http.expectOne(outsideReviewUrl('tok', 'decision'));
    expect(req.request.body).toEqual({ decision: 'approved', comment: null });
    req.flush({ decision: 'approved', message: 'Thank you. Your approval was recorded.' });
    await settle();
    expect(text(el)).toContain('Thank you. Your approval was recorded.');
    expect(el.querySelector('form')).toBeNull();
  });

  it('shows times in the practice’s time zone, named, whatever the reader’s own zone', async () => {
    await open((req) =>
      req.flush(
        anOutsideReviewPage({
          organisationTimeZone: 'America/Chicago',
          expiresAt: '2026-03-05T14:00:00.000Z',
        }),
      ),
    );
    const expiry = text(el.querySelector('.outside__expiry'));
    expect(expiry).toContain('until Mar 5, 2026, 8:00 AM CST');
    expect(expiry).toContain('Times are Riverside Family Medicine’s, in Central Time (America/Chicago)');
  });

  it('asks for changes only with a comment', async () => {
    await open((req) => req.flush(anOutsideReviewPage()));
    button('Ask for changes').click();
    await settle();
    http.expectNone(outsideReviewUrl('tok', 'decision'));
    expect(text(el)).toContain('Say what should change');
    const box = el.querySelector('#outside-comment') as HTMLTextAreaElement;
    box.value = 'Add the dosage risk.';
    box.dispatchEvent(new Event('input'));
    button('Ask for changes').click();
    await settle();
    const req = http.expectOne(outsideReviewUrl('tok', 'decision'));
    expect(req.request.body).toEqual({ decision: 'changes_requested', comment: 'Add the dosage risk.' });
    req.flush({ decision: 'changes_requested', message: 'Thank you. Your request for changes was sent.' });
    await settle();
    expect(text(el)).toContain('Your request for changes was sent.');
  });

  it('says plainly that a used or expired link no longer works (410)', async () => {
    await open((req) => req.flush(...refusal(410, 'This link was already used: the decision was recorded.')));
    expect(text(el.querySelector('h1'))).toBe('This link no longer works');
    expect(text(el)).toContain('This link was already used: the decision was recorded.');
    expect(text(el)).toContain('ask the person who emailed you for a new link');
    expect(el.querySelector('form')).toBeNull();
  });

  it('says the post changed since (409), and a broken link is not valid (404)', async () => {
    await open((req) => req.flush(...refusal(409, 'The post was edited after you were asked.')));
    expect(text(el.querySelector('h1'))).toBe('This post changed since you were asked');
    TestBed.resetTestingModule();
    await open((req) => req.flush(...refusal(404, 'No such link.')));
    expect(text(el.querySelector('h1'))).toBe('This link is not valid');
  });

  it('turns a decision refused because the link was used meanwhile into the same message', async () => {
    await open((req) => req.flush(anOutsideReviewPage()));
    button('Approve').click();
    await settle();
    http
      .expectOne(outsideReviewUrl('tok', 'decision'))
      .flush(...refusal(410, 'This link was already used: the decision was recorded.'));
    await settle();
    expect(text(el.querySelector('h1'))).toBe('This link no longer works');
  });
});
