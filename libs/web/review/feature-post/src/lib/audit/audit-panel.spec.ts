import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthStore } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { AUDIT_URL, postUrl, PostReviewStore } from '@carecast/web/review/data-access';
import { aPost, aReviewState } from '@carecast/web/review/data-access/testing';
import { AuditPanel } from './audit-panel';

describe('AuditPanel', () => {
  it('links to the audit log filtered to this post', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), PostReviewStore],
    });
    TestBed.inject(AuthStore).setMe(aMe(['reviewer']));
    const http = TestBed.inject(HttpTestingController);
    const store = TestBed.inject(PostReviewStore);
    const post = aPost({ id: 'p-7' });
    const opened = store.open(post.id);
    http.expectOne(postUrl(post.id)).flush(post);
    http.expectOne(postUrl(post.id, 'review')).flush(aReviewState(post, ['reviewer'], 'u-1'));
    await opened;
    const fixture = TestBed.createComponent(AuditPanel);
    await fixture.whenStable();
    http.expectOne((r) => r.url === AUDIT_URL).flush({ entries: [], nextCursor: null });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    const link = (fixture.nativeElement as HTMLElement).querySelector('a');
    expect(link?.textContent?.trim()).toBe('this post in the audit log');
    expect(link?.getAttribute('href')).toBe('/audit?entityType=post&entityId=p-7');
    http.verify();
  });
});
