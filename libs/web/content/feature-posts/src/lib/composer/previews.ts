import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { X_MAX_WEIGHTED_LENGTH, xWeightedLength, type ImageDraft } from '@carecast/web/content/data-access';

export interface PreviewChannel {
  name: string;
  /** The account's handle on the platform, when it has one (X). */
  handle: string | null;
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('') || '?';

const hostOf = (link: string | null) => {
  if (!link) return null;
  try {
    return new URL(link).host.replace(/^www\./, '');
  } catch {
    return link;
  }
};

/** The X counter: the weighted length against 280, in words and as a bar. */
@Component({
  selector: 'cc-x-counter',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="counter" [class.counter--over]="over() > 0" [id]="counterId()">
      <span class="counter__bar" aria-hidden="true"><span [style.inline-size.%]="fill()"></span></span>
      <span>
        X counts {{ length() }} of {{ max }}
        @if (over() > 0) {
          <strong> · {{ over() }} too many</strong>
        }
      </span>
    </p>
  `,
  styles: `
    .counter {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 4px 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .counter__bar {
      inline-size: 64px;
      block-size: 6px;
      border-radius: 3px;
      background: var(--mat-sys-surface-container-highest);
      overflow: hidden;
    }
    .counter__bar > span {
      display: block;
      block-size: 100%;
      background: var(--mat-sys-primary);
    }
    .counter--over {
      color: var(--mat-sys-error);
    }
    .counter--over .counter__bar > span {
      background: var(--mat-sys-error);
    }
  `,
})
export class XCounter {
  readonly text = input.required<string>();
  readonly link = input<string | null>(null);
  readonly counterId = input<string | null>(null);
  protected readonly max = X_MAX_WEIGHTED_LENGTH;
  protected readonly length = computed(() => xWeightedLength(this.text(), this.link()));
  protected readonly over = computed(() => Math.max(0, this.length() - this.max));
  protected readonly fill = computed(() => Math.min(100, (100 * this.length()) / this.max));
}

/** How the post will look on X: the account's avatar, name and handle, the text, the link card and images. */
@Component({
  selector: 'cc-x-preview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [XCounter],
  template: `
    <figure class="x" [attr.aria-label]="'Preview on X for ' + channel().name">
      <div class="x__avatar" aria-hidden="true">{{ avatar() }}</div>
      <div class="x__main">
        <p class="x__who">
          <strong>{{ channel().name }}</strong>
          @if (channel().handle; as handle) {
            <span class="x__handle">&#64;{{ handle }}</span>
          }
          <span class="x__handle">· now</span>
        </p>
        <p class="x__text">
          {{ text() }}
          @if (showLink()) {
            <span class="x__link"> {{ link() }}</span>
          }
        </p>
        @if (images().length) {
          <div class="x__images" [attr.data-count]="images().length">
            @for (image of images(); track image.mediaId) {
              <img [src]="image.url" [alt]="image.decorative ? '' : image.altText" />
            }
          </div>
        }
        <cc-x-counter [text]="text()" [link]="link()" />
      </div>
    </figure>
  `,
  styles: `
    .x {
      display: flex;
      gap: 12px;
      margin: 0;
      padding: 12px 16px;
      max-inline-size: 600px;
      border: 1px solid #cfd9de;
      border-radius: 16px;
      background: #fff;
      color: #0f1419;
      font-family:
        system-ui,
        -apple-system,
        'Segoe UI',
        Roboto,
        sans-serif;
    }
    .x__avatar {
      flex: none;
      display: grid;
      place-items: center;
      inline-size: 40px;
      block-size: 40px;
      border-radius: 50%;
      background: #1d4e89;
      color: #fff;
      font-weight: 700;
    }
    .x__main {
      min-inline-size: 0;
      flex: 1;
    }
    .x__who {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      margin: 0;
      font-size: 15px;
    }
    .x__handle {
      color: #536471;
    }
    .x__text {
      margin: 2px 0 8px;
      font-size: 15px;
      line-height: 20px;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .x__link {
      color: #1a6fb5;
    }
    .x__images {
      display: grid;
      grid-template-columns: repeat(2, 1fr);
      gap: 2px;
      border-radius: 16px;
      overflow: hidden;
      margin-block-end: 8px;
    }
    .x__images[data-count='1'] {
      grid-template-columns: 1fr;
    }
    .x__images img {
      inline-size: 100%;
      aspect-ratio: 16 / 9;
      object-fit: cover;
      display: block;
    }
  `,
})
export class XPreview {
  readonly channel = input.required<PreviewChannel>();
  readonly text = input.required<string>();
  readonly link = input<string | null>(null);
  readonly images = input<readonly ImageDraft[]>([]);
  protected readonly avatar = computed(() => initials(this.channel().name));
  protected readonly showLink = computed(() => !!this.link() && !this.text().includes(this.link()!));
}

/** How the post will look on the Facebook Page: the page's name, the text, the link box and images. */
@Component({
  selector: 'cc-facebook-preview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="fb" [attr.aria-label]="'Preview on Facebook for ' + channel().name">
      <div class="fb__head">
        <div class="fb__avatar" aria-hidden="true">{{ avatar() }}</div>
        <div>
          <p class="fb__name">{{ channel().name }}</p>
          <p class="fb__when">Just now · Public</p>
        </div>
      </div>
      <p class="fb__text">{{ text() }}</p>
      @if (images().length) {
        <div class="fb__images">
          @for (image of images(); track image.mediaId) {
            <img [src]="image.url" [alt]="image.decorative ? '' : image.altText" />
          }
        </div>
      } @else if (link()) {
        <div class="fb__link">
          <p class="fb__host">{{ host() }}</p>
          <p class="fb__url">{{ link() }}</p>
        </div>
      }
      <p class="fb__actions" aria-hidden="true"><span>Like</span><span>Comment</span><span>Share</span></p>
    </figure>
  `,
  styles: `
    .fb {
      margin: 0;
      max-inline-size: 500px;
      border-radius: 8px;
      background: #fff;
      color: #050505;
      box-shadow: 0 1px 2px rgb(0 0 0 / 0.2);
      border: 1px solid #dddfe2;
      font-family: Helvetica, Arial, sans-serif;
      overflow: hidden;
    }
    .fb__head {
      display: flex;
      gap: 8px;
      align-items: center;
      padding: 12px 16px 0;
    }
    .fb__avatar {
      display: grid;
      place-items: center;
      inline-size: 40px;
      block-size: 40px;
      border-radius: 50%;
      background: #1b5e20;
      color: #fff;
      font-weight: 700;
    }
    .fb__name {
      margin: 0;
      font-weight: 600;
      font-size: 15px;
    }
    .fb__when {
      margin: 0;
      font-size: 13px;
      color: #65676b;
    }
    .fb__text {
      margin: 0;
      padding: 12px 16px;
      font-size: 15px;
      line-height: 1.34;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .fb__images {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(120px, 1fr));
      gap: 2px;
    }
    .fb__images img {
      inline-size: 100%;
      aspect-ratio: 4 / 3;
      object-fit: cover;
      display: block;
    }
    .fb__link {
      padding: 10px 16px;
      background: #f0f2f5;
      border-block: 1px solid #dddfe2;
    }
    .fb__host {
      margin: 0;
      font-size: 12px;
      text-transform: uppercase;
      color: #65676b;
    }
    .fb__url {
      margin: 0;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .fb__actions {
      display: flex;
      justify-content: space-around;
      margin: 0;
      padding: 8px 16px;
      color: #65676b;
      font-weight: 600;
      font-size: 14px;
      border-block-start: 1px solid #ced0d4;
    }
  `,
})
export class FacebookPreview {
  readonly channel = input.required<PreviewChannel>();
  readonly text = input.required<string>();
  readonly link = input<string | null>(null);
  readonly images = input<readonly ImageDraft[]>([]);
  protected readonly avatar = computed(() => initials(this.channel().name));
  protected readonly host = computed(() => hostOf(this.link()));
}

/** How the article will look on the blog: its title, the date and the body (HTML, made safe by Angular). */
@Component({
  selector: 'cc-blog-preview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure
      class="blog"
      [attr.aria-label]="'Preview on ' + channel().name + (language() === 'es' ? ' in Spanish' : '')"
    >
      <p class="blog__site">{{ channel().name }}</p>
      <p class="blog__title" [attr.lang]="title() ? lang() : null">{{ title() || 'Untitled article' }}</p>
      <p class="blog__date">Published on approval</p>
      @if (body()) {
        <div class="blog__body" [attr.lang]="lang()" [innerHTML]="body()"></div>
      } @else {
        <div class="blog__body" [attr.lang]="lang()">
          @for (paragraph of paragraphs(); track $index) {
            <p>{{ paragraph }}</p>
          }
        </div>
      }
      @if (images().length) {
        @for (image of images(); track image.mediaId) {
          <img class="blog__image" [src]="image.url" [alt]="image.decorative ? '' : image.altText" />
        }
      }
    </figure>
  `,
  styles: `
    .blog {
      margin: 0;
      max-inline-size: 680px;
      padding: 20px 24px;
      background: #fffdf8;
      color: #222;
      border: 1px solid #e6e0d4;
      border-radius: 4px;
      font-family: Georgia, 'Times New Roman', serif;
    }
    .blog__site {
      margin: 0 0 12px;
      font:
        600 13px system-ui,
        sans-serif;
      letter-spacing: 0.06em;
      text-transform: uppercase;
      color: #5d4a2a;
    }
    .blog__title {
      margin: 0;
      font-size: 28px;
      line-height: 1.2;
      font-weight: 700;
    }
    .blog__date {
      margin: 4px 0 16px;
      font:
        13px system-ui,
        sans-serif;
      color: #5f5f5f;
    }
    .blog__body {
      font-size: 17px;
      line-height: 1.6;
      overflow-wrap: anywhere;
    }
    .blog__image {
      display: block;
      max-inline-size: 100%;
      margin-block-start: 12px;
    }
  `,
})
export class BlogPreview {
  readonly channel = input.required<PreviewChannel>();
  /** The article's language: the Spanish article of a health alert is previewed too. */
  readonly language = input<'en' | 'es'>('en');
  protected readonly lang = computed(() => (this.language() === 'es' ? 'es' : null));
  readonly title = input<string | null>(null);
  readonly body = input<string | null>(null);
  /** Used when there is no body: the text, as paragraphs. */
  readonly text = input('');
  readonly images = input<readonly ImageDraft[]>([]);
  protected readonly paragraphs = computed(() =>
    this.text()
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
  );
}
