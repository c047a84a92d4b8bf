import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MAX_POST_IMAGES, MEDIA_CONTENT_TYPES } from '@carecast/shared/contracts';
import type { ImageDraft } from '@carecast/web/content/data-access';
import { Icon } from '@carecast/web/ui';

/** An upload on its way: its name and how far it has got. */
export interface UploadProgress {
  id: number;
  name: string;
  percent: number;
  error: string | null;
}

/**
 * The post's images: drop files or pick them, see each upload's progress, describe each image
 * for people using screen readers (or mark it decorative), and remove it.
 */
@Component({
  selector: 'cc-image-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCheckboxModule, MatProgressBarModule, Icon],
  template: `
    <section class="images" aria-labelledby="images-heading">
      <h2 class="images__heading" id="images-heading">Images</h2>
      <p class="images__hint" id="images-hint">
        Up to {{ max }} images (JPEG, PNG, WebP or GIF). Location and camera details are removed when they are
        uploaded. Describe each one for people using screen readers.
      </p>
      @if (images().length + uploads().length < max && !disabled()) {
        <div
          class="drop"
          [class.drop--over]="dragging()"
          (dragover)="$event.preventDefault(); dragging.set(true)"
          (dragleave)="dragging.set(false)"
          (drop)="dropped($event)"
        >
          <p>Drop images here, or</p>
          <label class="drop__pick">
            <input
              class="cc-visually-hidden"
              type="file"
              [accept]="accept"
              multiple
              aria-describedby="images-hint"
              (change)="picked($event)"
            />
            Choose images
          </label>
        </div>
      }
      @for (upload of uploads(); track upload.id) {
        <div class="upload">
          <p class="upload__name">{{ upload.name }}</p>
          @if (upload.error) {
            <p class="upload__error" role="alert">{{ upload.error }}</p>
            <button mat-button type="button" (click)="dismiss.emit(upload.id)">Close</button>
          } @else {
            <mat-progress-bar
              mode="determinate"
              [value]="upload.percent"
              [attr.aria-label]="'Uploading ' + upload.name"
            />
          }
        </div>
      }
      <ul class="images__list">
        @for (image of images(); track image.mediaId; let i = $index) {
          <li class="image">
            <img class="image__thumb" [src]="image.url" alt="" />
            <div class="image__fields">
              <label class="image__label" [for]="'composer-image-' + i + '-alt'"
                >Image {{ i + 1 }}: what it shows</label
              >
              <input
                class="image__alt"
                [id]="'composer-image-' + i + '-alt'"
                [value]="image.altText"
                [disabled]="image.decorative || disabled()"
                [attr.aria-required]="!image.decorative"
                [attr.aria-invalid]="!image.decorative && !image.altText.trim()"
                [attr.aria-describedby]="'composer-image-' + i + '-alt-hint'"
                maxlength="1000"
                (input)="altChanged.emit({ index: i, altText: $any($event.target).value })"
              />
              <p class="image__hint" [id]="'composer-image-' + i + '-alt-hint'">
                @if (image.decorative) {
                  Decorative: screen readers skip it.
                } @else if (!image.altText.trim()) {
                  Required: describe the image, or tick "Decorative".
                } @else {
                  Read out by screen readers.
                }
              </p>
              <div class="image__actions">
                <mat-checkbox
                  [checked]="image.decorative"
                  [disabled]="disabled()"
                  (change)="decorativeChanged.emit({ index: i, decorative: $event.checked })"
                  >Decorative</mat-checkbox
                >
                <button mat-button type="button" [disabled]="disabled()" (click)="removed.emit(i)">
                  <cc-icon matButtonIcon name="close" />
                  Remove image {{ i + 1 }}
                </button>
              </div>
            </div>
          </li>
        }
      </ul>
    </section>
  `,
  styles: `
    .images__heading {
      margin: 0 0 4px;
      font: var(--mat-sys-title-medium);
    }
    .images__hint {
      margin: 0 0 8px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .drop {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      justify-content: center;
      padding: 16px;
      border: 2px dashed var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-medium);
    }
    .drop p {
      margin: 0;
    }
    .drop--over {
      background: var(--mat-sys-primary-container);
    }
    .drop__pick {
      cursor: pointer;
      padding: 8px 20px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-full);
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
    }
    .drop__pick:focus-within {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .upload {
      margin-block: 8px;
    }
    .upload p {
      margin: 0 0 4px;
    }
    .upload__error {
      color: var(--mat-sys-error);
    }
    .images__list {
      list-style: none;
      margin: 8px 0 0;
      padding: 0;
      display: grid;
      gap: 12px;
    }
    .image {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: flex-start;
    }
    .image__thumb {
      inline-size: 96px;
      block-size: 96px;
      object-fit: cover;
      border-radius: var(--mat-sys-corner-small);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .image__fields {
      flex: 1 1 220px;
      min-inline-size: 0;
    }
    .image__label {
      display: block;
      font: var(--mat-sys-title-small);
      margin-block-end: 4px;
    }
    .image__alt {
      box-sizing: border-box;
      inline-size: 100%;
      padding: 10px 12px;
      font: var(--mat-sys-body-large);
      border: 1px solid var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-extra-small);
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
    }
    .image__hint {
      margin: 4px 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .image__actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
  `,
})
export class ImagePicker {
  readonly images = input.required<readonly ImageDraft[]>();
  readonly uploads = input<readonly UploadProgress[]>([]);
  readonly disabled = input(false);
  readonly files = output<File[]>();
  readonly altChanged = output<{ index: number; altText: string }>();
  readonly decorativeChanged = output<{ index: number; decorative: boolean }>();
  readonly removed = output<number>();
  readonly dismiss = output<number>();

  protected readonly max = MAX_POST_IMAGES;
  protected readonly accept = MEDIA_CONTENT_TYPES.join(',');
  protected readonly dragging = signal(false);

  protected dropped(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length) this.files.emit(files);
  }

  protected picked(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) this.files.emit(files);
  }
}
