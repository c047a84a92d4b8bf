import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SIGN_IN_UNAVAILABLE, SignInPage } from './sign-in-page';

describe('SignInPage', () => {
  it('has a labelled form, and submitting it says honestly that sign-in is not there yet', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(SignInPage);
    await fixture.whenStable();
    const el: HTMLElement = fixture.nativeElement;

    expect(el.querySelector('h1')?.textContent?.trim()).toBe('Sign in');
    expect(el.querySelector('input[type="email"]')?.id).toBeTruthy();
    expect(el.querySelector(`label[for="${el.querySelector('input[type="email"]')?.id}"]`)).not.toBeNull();
    expect(el.querySelector('[role="status"]')?.textContent?.trim()).toBe('');

    const submit = new Event('submit', { cancelable: true });
    el.querySelector('form')?.dispatchEvent(submit);
    await fixture.whenStable();

    expect(submit.defaultPrevented).toBe(true);
    expect(el.querySelector('[role="status"]')?.textContent).toContain(SIGN_IN_UNAVAILABLE);
    expect(SIGN_IN_UNAVAILABLE).toBe(
      'Sign-in arrives with user accounts; the dashboard is open in this preview.',
    );
  });
});
