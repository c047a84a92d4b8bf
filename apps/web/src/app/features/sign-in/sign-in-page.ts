import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';

export const SIGN_IN_UNAVAILABLE =
  'Sign-in arrives with user accounts; the dashboard is open in this preview.';

/** The sign-in form. Accounts do not exist yet, so submitting says so instead of pretending. */
@Component({
  selector: 'cc-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, RouterLink],
  template: `
    <div class="page sign-in">
      <mat-card appearance="outlined" class="sign-in__card">
        <h1 class="page__title">Sign in</h1>
        <p class="page__lead">Use the email address your practice registered for you.</p>
        <form class="sign-in__form" (submit)="submit($event)">
          <mat-form-field appearance="outline">
            <mat-label>Email</mat-label>
            <input matInput type="email" name="email" autocomplete="username" inputmode="email" />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Password</mat-label>
            <input matInput type="password" name="password" autocomplete="current-password" />
          </mat-form-field>
          <button mat-flat-button type="submit">Sign in</button>
        </form>
        <div class="sign-in__message" role="status">
          @if (submitted()) {
            <p>{{ message }}</p>
            <a mat-button routerLink="/calendar">Go to the calendar</a>
          }
        </div>
      </mat-card>
    </div>
  `,
  styles: `
    .sign-in {
      display: flex;
      justify-content: center;
    }
    .sign-in__card {
      inline-size: 100%;
      max-inline-size: 420px;
      padding: 24px;
      box-sizing: border-box;
    }
    .sign-in__form {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-block-start: 16px;
    }
    .sign-in__message p {
      margin: 16px 0 4px;
      padding: 12px 16px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class SignInPage {
  protected readonly message = SIGN_IN_UNAVAILABLE;
  protected readonly submitted = signal(false);

  protected submit(event: Event): void {
    event.preventDefault();
    this.submitted.set(true);
  }
}
