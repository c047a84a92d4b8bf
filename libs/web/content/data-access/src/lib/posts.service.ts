import { HttpClient, HttpEventType, HttpParams, HttpRequest } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  MEDIA_UPLOAD_FIELD,
  type ContentSettings,
  type CreatePostRequest,
  type MediaAsset,
  type PostDetail,
  type PostListQuery,
  type PostPage,
  type PostReviewState,
  type PostTemplate,
  type PostVersion,
  type PostVersionSummary,
  type ReviewOutcome,
  type UpdateContentSettingsRequest,
  type UpdatePostRequest,
} from '@carecast/shared/contracts';
import { filter, map, Observable } from 'rxjs';

export const POSTS_URL = '/api/posts';
export const MEDIA_URL = '/api/media';
export const TEMPLATES_URL = '/api/templates';
export const CONTENT_SETTINGS_URL = '/api/organisation/content-settings';

/** Where an image upload has got to: the share sent so far, then the stored image. */
export type UploadEvent = { kind: 'progress'; percent: number } | { kind: 'done'; asset: MediaAsset };

const postUrl = (id: string) => `${POSTS_URL}/${encodeURIComponent(id)}`;

/** HTTP calls of posts, their images, the templates and the organisation's content settings. */
@Injectable({ providedIn: 'root' })
export class PostsService {
  private readonly http = inject(HttpClient);

  list(query: PostListQuery = {}): Observable<PostPage> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === '') continue;
      params = params.set(name, Array.isArray(value) ? value.join(',') : String(value));
    }
    return this.http.get<PostPage>(POSTS_URL, { params });
  }

  get(id: string): Observable<PostDetail> {
    return this.http.get<PostDetail>(postUrl(id));
  }

  create(request: CreatePostRequest): Observable<PostDetail> {
    return this.http.post<PostDetail>(POSTS_URL, request);
  }

  /** Saves changes made on `request.revision`; 409 when someone saved a newer revision meanwhile. */
  update(id: string, request: UpdatePostRequest): Observable<PostDetail> {
    return this.http.patch<PostDetail>(postUrl(id), request);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(postUrl(id));
  }

  versions(id: string): Observable<PostVersionSummary[]> {
    return this.http.get<PostVersionSummary[]>(`${postUrl(id)}/versions`);
  }

  version(id: string, revision: number): Observable<PostVersion> {
    return this.http.get<PostVersion>(`${postUrl(id)}/versions/${revision}`);
  }

  /** Sends the post to review (refused with 422 while a blocking finding is not overridden). */
  submit(id: string): Observable<ReviewOutcome> {
    return this.http.post<ReviewOutcome>(`${postUrl(id)}/submit`, {});
  }

  /** Where the post stands in review for the signed-in person (what blocks it, what they may do). */
  reviewState(id: string): Observable<PostReviewState> {
    return this.http.get<PostReviewState>(`${postUrl(id)}/review`);
  }

  /** Uploads an image; emits the share sent as it goes, then the stored image. */
  uploadMedia(file: File): Observable<UploadEvent> {
    const body = new FormData();
    body.append(MEDIA_UPLOAD_FIELD, file, file.name);
    return this.http
      .request<MediaAsset>(new HttpRequest('POST', MEDIA_URL, body, { reportProgress: true }))
      .pipe(
        map((event): UploadEvent | null => {
          if (event.type === HttpEventType.UploadProgress) {
            const percent = event.total ? Math.round((100 * event.loaded) / event.total) : 0;
            return { kind: 'progress', percent: Math.min(99, percent) };
          }
          if (event.type === HttpEventType.Response && event.body) return { kind: 'done', asset: event.body };
          return null;
        }),
        filter((event): event is UploadEvent => event !== null),
      );
  }

  templates(): Observable<PostTemplate[]> {
    return this.http.get<PostTemplate[]>(TEMPLATES_URL);
  }

  contentSettings(): Observable<ContentSettings> {
    return this.http.get<ContentSettings>(CONTENT_SETTINGS_URL);
  }

  saveContentSettings(request: UpdateContentSettingsRequest): Observable<ContentSettings> {
    return this.http.put<ContentSettings>(CONTENT_SETTINGS_URL, request);
  }
}
