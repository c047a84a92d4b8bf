import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { Role } from '@carecast/shared/contracts';
import { AuthStore } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { MainNav } from './main-nav';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

describe('MainNav', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          ['calendar', 'review', 'inbox', 'channels', 'audit', 'settings/users'].map((path) => ({
            path,
            component: Blank,
          })),
        ),
      ],
    });
    signInAs(['admin']);
  });

  const signInAs = (roles: Role[]) => TestBed.inject(AuthStore).setMe(aMe(roles));

  it('renders the sections, in order, inside a labelled nav landmark', async () => {
    const fixture = TestBed.createComponent(MainNav);
    await fixture.whenStable();
    const nav: HTMLElement | null = fixture.nativeElement.querySelector('nav');

    expect(nav?.getAttribute('aria-label')).toBe('Main');
    const links = Array.from(nav?.querySelectorAll('a') ?? []);
    expect(links.map((a) => [a.textContent?.trim(), a.getAttribute('href')])).toEqual([
      ['Calendar', '/calendar'],
      ['Posts', '/posts'],
      ['Review', '/review'],
      ['Inbox', '/inbox'],
      ['Channels', '/channels'],
      ['Audit', '/audit'],
      ['Users', '/settings/users'],
    ]);
  });

  it("leaves out the sections the user's role does not allow", async () => {
    signInAs(['marketer']);
    const fixture = TestBed.createComponent(MainNav);
    await fixture.whenStable();
    const labels = Array.from<HTMLElement>(fixture.nativeElement.querySelectorAll('a')).map((a) =>
      a.textContent?.trim(),
    );
    expect(labels).toEqual(['Calendar', 'Posts', 'Review', 'Inbox', 'Channels']);

    signInAs(['manager']);
    await fixture.whenStable();
    expect(
      Array.from<HTMLElement>(fixture.nativeElement.querySelectorAll('a')).map((a) => a.textContent?.trim()),
    ).toEqual(['Calendar', 'Posts', 'Review', 'Inbox', 'Channels', 'Users']);
  });

  it('marks the current section with aria-current="page"', async () => {
    const fixture = TestBed.createComponent(MainNav);
    await TestBed.inject(Router).navigateByUrl('/inbox');
    await fixture.whenStable();

    const current = fixture.nativeElement.querySelectorAll('a[aria-current="page"]');
    expect(current).toHaveLength(1);
    expect(current[0].textContent.trim()).toBe('Inbox');
  });

  it('tells the surrounding menu when a link is followed', async () => {
    const fixture = TestBed.createComponent(MainNav);
    fixture.componentRef.setInput('layout', 'list');
    const navigated = jest.fn();
    fixture.componentInstance.navigated.subscribe(navigated);
    await fixture.whenStable();

    expect(fixture.nativeElement.classList).toContain('main-nav--list');
    fixture.nativeElement.querySelector('a').click();
    expect(navigated).toHaveBeenCalledTimes(1);
  });
});
