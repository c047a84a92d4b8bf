import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { REVIEW_LIMITS, ROLE_LABELS, type ReviewComment } from '@carecast/shared/contracts';
import { ORGANISATION } from '@carecast/web/core';
import { PostReviewStore, type Mentionable } from '@carecast/web/review/data-access';
import { MentionText } from '@carecast/web/review/ui';
import { formatDateTime, readyToSubmit, runSubmission, type Submission } from '@carecast/web/shared/util';
import { FormError, Notice } from '@carecast/web/ui';
import { insertMention, matchPeople, mentionAt, mentionedIds } from './mention';

/** The comments on a post, oldest first, with @mentions marked; a new comment with @mention suggestions. */
@Component({
  selector: 'cc-comments-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    FormError,
    MentionText,
    Notice,
  ],
  templateUrl: './comments-panel.html',
  styleUrl: './comments-panel.scss',
})
export class CommentsPanel {
  protected readonly store = inject(PostReviewStore);
  private readonly organisation = inject(ORGANISATION);
  private readonly box = viewChild<ElementRef<HTMLTextAreaElement>>('box');

  protected readonly maxLength = REVIEW_LIMITS.comment;
  protected readonly text = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(REVIEW_LIMITS.comment)],
  });
  protected readonly submission: Submission = { busy: signal(false), error: signal<string | null>(null) };

  /** The @word being typed, for the suggestions. */
  private readonly typing = signal<{ start: number; query: string; caret: number } | null>(null);
  private readonly chosen = new Map<string, string>();

  protected readonly suggestions = computed<Mentionable[]>(() => {
    const at = this.typing();
    return at ? matchPeople(this.store.mentionable(), at.query) : [];
  });

  constructor() {
    void this.store.read('comments');
    // The practice's members who can read posts (the people on the post until they are read).
    void this.store.read('mentionable');
  }

  protected onInput(): void {
    const box = this.box()?.nativeElement;
    if (!box) return;
    const caret = box.selectionStart ?? box.value.length;
    const at = mentionAt(box.value, caret);
    this.typing.set(at ? { ...at, caret } : null);
  }

  /** The text as it will be once this person is chosen (the autocomplete writes it into the box). */
  protected withMention(person: Mentionable): string {
    const at = this.typing();
    const value = this.text.value;
    return at ? insertMention(value, at.start, at.caret, person.name).text : value;
  }

  protected chose(event: MatAutocompleteSelectedEvent, people: Mentionable[]): void {
    const at = this.typing();
    const person = people.find((p) => this.withMention(p) === event.option.value) ?? null;
    const box = this.box()?.nativeElement;
    if (person) this.chosen.set(person.id, person.name);
    if (at && person && box) {
      const caret = at.start + person.name.length + 2;
      queueMicrotask(() => box.setSelectionRange(caret, caret));
    }
    this.typing.set(null);
  }

  protected async send(): Promise<void> {
    if (!readyToSubmit(this.text, this.submission)) return;
    const value = this.text.value;
    await runSubmission(this.submission, async () => {
      await this.store.addComment(value, mentionedIds(value, this.chosen));
      this.text.reset('');
      this.chosen.clear();
    });
  }

  /** "Compliance reviewer, Practice manager" (nothing for someone known only from the post). */
  protected rolesOf(person: Mentionable): string {
    return (person.roles ?? []).map((r) => ROLE_LABELS[r]).join(', ');
  }

  protected names(comment: ReviewComment): string[] {
    return comment.mentions.map((m) => m.name);
  }

  protected time(iso: string): string {
    return formatDateTime(iso, this.organisation);
  }
}
