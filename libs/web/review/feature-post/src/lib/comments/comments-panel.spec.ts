import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { By } from '@angular/platform-browser';
import type { Role } from '@carecast/shared/contracts';
import { AuthStore } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { postUrl, PostReviewStore } from '@carecast/web/review/data-access';
import { aPost, aReviewState } from '@carecast/web/review/data-access/testing';
import { CommentsPanel } from './comments-panel';

describe('CommentsPanel', () => {
  let fixture: ComponentFixture<CommentsPanel>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve));
    }
  };

  /** The panel of post p-1 as `roles` (user u-1), the post and its comments read. */
  async function setup(roles: Role[]) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), PostReviewStore],
    });
    TestBed.inject(AuthStore).setMe(aMe(roles));
    http = TestBed.inject(HttpTestingController);
    const store = TestBed.inject(PostReviewStore);
    const post = aPost();
    const opened = store.open(post.id);
    http.expectOne(postUrl(post.id)).flush(post);
    http.expectOne(postUrl(post.id, 'review')).flush(aReviewState(post, roles, 'u-1'));
    await opened;
    fixture = TestBed.createComponent(CommentsPanel);
    el = fixture.nativeElement;
    document.body.appendChild(el);
    await settle();
    http.expectOne(postUrl(post.id, 'comments')).flush([]);
  }

  async function typeInBox(value: string): Promise<void> {
    const box = el.querySelector<HTMLTextAreaElement>('#comment-text');
    if (!box) throw new Error('no comment box');
    box.focus();
    box.value = value;
    box.setSelectionRange(value.length, value.length);
    box.dispatchEvent(new Event('input'));
    await settle();
    // As the next keystroke does in the browser, once there are suggestions.
    fixture.debugElement
      .query(By.directive(MatAutocompleteTrigger))
      .injector.get(MatAutocompleteTrigger)
      .openPanel();
    await settle();
  }

  const options = () => Array.from(document.querySelectorAll('mat-option')).map(text);

  afterEach(() => {
    http.verify();
    el?.remove();
  });

  it('offers a marketer (who may not list the members) every member who can read posts, with their roles, never the member list', async () => {
    await setup(['marketer']);
    http.expectOne(postUrl('p-1', 'mentionable')).flush([
      { id: 'u-1', name: 'Marcus Lee', roles: ['marketer'] },
      { id: 'u-p', name: 'Priya Raman', roles: ['manager', 'reviewer'] },
      { id: 'u-s', name: 'Sam Ortiz', roles: ['viewer'] },
    ]);
    http.expectNone('/api/users');
    await typeInBox('Can you check this @Pri');
    expect(options()).toEqual(['Priya Raman · Practice manager, Compliance reviewer']);
    await typeInBox('Can you check this @');
    // Never oneself (u-1).
    expect(options()).toEqual(['Priya Raman · Practice manager, Compliance reviewer', 'Sam Ortiz · Viewer']);
  });
});
