/**
 * The one way the web application talks to the server: same-origin fetch with the session
 * cookie, the CSRF token on every write, and every failure turned into an ApiError whose
 * message is Chinese and fit to show (docs/api.md, "Errors").
 */

export interface ApiProblem {
  field: string;
  /** the JSON Pointer of a nested field, when the server gave one (`/planCurve/4`) */
  path?: string;
  message: string;
  /** a template line, when the problem is in a report template */
  line?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly string[] = [],
    readonly problems: readonly ApiProblem[] = [],
    /** 409: the row as it is now */
    readonly current?: unknown,
    /** the whole `error` object, for fields this client does not know (a template's line) */
    readonly raw?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What a status means when the server sent no message of its own. */
const STATUS_MESSAGES: Record<number, string> = {
  400: '请求格式不正确',
  401: '尚未登录或登录已过期，请重新登录',
  403: '您没有权限进行此操作',
  404: '要访问的内容不存在或已被删除',
  409: '该记录已被他人修改，请刷新后重试',
  413: '提交的内容过大',
  422: '填写的内容未通过校验',
  500: '服务器内部错误，请稍后重试或联系管理员',
  502: '服务器暂时无法访问（502），请稍后重试',
  503: '服务暂不可用（503），请稍后重试',
  504: '服务器响应超时（504），请稍后重试',
};

export function statusMessage(status: number): string {
  return STATUS_MESSAGES[status] ?? `请求失败（HTTP ${status}）`;
}

let csrfToken: string | undefined;
let unauthorized: ((error: ApiError) => void) | undefined;

/** The token every write carries; set from GET/POST /api/session. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when any request (except those asking not to) answers 401: the app returns to 登录. */
export function onUnauthorized(handler: ((error: ApiError) => void) | undefined): void {
  unauthorized = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=2` of the defined entries, or '' when there are none. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** false: a 401 is the caller's to handle (signing in, reading the session at start-up) */
  redirectOn401?: boolean;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))) : [];
}

function problemsOf(value: unknown): ApiProblem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((problem) => {
    // A problem names its field as `field`, or as a JSON path (`/closedAt`, `fields.closedAt`).
    const rawField = typeof problem.field === 'string' ? problem.field : String(problem.path ?? '');
    const field = rawField.replace(/^\/+/, '').replace(/^fields[./]/, '');
    const line = typeof problem.line === 'number' ? problem.line : undefined;
    const path = typeof problem.path === 'string' ? problem.path : undefined;
    return {
      field,
      message: String(problem.message ?? ''),
      ...(line === undefined ? {} : { line }),
      ...(path === undefined ? {} : { path }),
    };
  });
}

/** The ApiError of a failed response, whatever its body (JSON error, HTML from a proxy, nothing). */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    const text = await response.text();
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (!error) return new ApiError(response.status, `HTTP_${response.status}`, statusMessage(response.status));
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : undefined;
  return new ApiError(
    response.status,
    typeof error.code === 'string' ? error.code : `HTTP_${response.status}`,
    message ?? statusMessage(response.status),
    strings(error.details),
    problemsOf(error.problems),
    // docs/api.md puts `current` beside `error` in the body; accept it inside too.
    (isRecord(body) ? body.current : undefined) ?? error.current,
    error,
  );
}

async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(`${path}${queryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
}

/** Reads the session again for a fresh CSRF token; true when one was obtained. */
async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('GET', '/api/session', {});
  if (!response.ok) return false;
  const session = (await response.json()) as { csrfToken?: string };
  setCsrfToken(session.csrfToken);
  return session.csrfToken !== undefined;
}

/** A response that succeeded, or the ApiError it carried (after handling 401 and a stale CSRF token). */
async function checked(method: Method, path: string, options: RequestOptions): Promise<Response> {
  let response = await send(method, path, options);
  if (response.status === 403 && method !== 'GET') {
    const error = await errorFromResponse(response.clone());
    // The token is renewed on sign-in; one refresh and retry covers a token another tab replaced.
    if (error.code === 'CSRF_INVALID' && (await refreshCsrfToken())) response = await send(method, path, options);
  }
  if (response.ok) return response;
  const error = await errorFromResponse(response);
  if (error.status === 401 && options.redirectOn401 !== false) unauthorized?.(error);
  throw error;
}

/** JSON in and out; undefined for 204. */
export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await checked(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'BAD_RESPONSE', '服务器返回的数据无法解析');
  }
}

/** The file name of a Content-Disposition header, RFC 5987 `filename*` first. */
export function dispositionFilename(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  return plain ? (plain[2] ?? plain[1])?.trim() : undefined;
}

/** A file to download: its bytes and the name the server gave it. */
export async function requestFile(
  path: string,
  options: RequestOptions = {},
): Promise<{ blob: Blob; filename: string | undefined }> {
  const response = await checked('GET', path, options);
  return { blob: await response.blob(), filename: dispositionFilename(response.headers.get('content-disposition')) };
}

/** How far a transfer has come: a fraction from 0 to 1, or undefined while its size is unknown. */
export type Progress = (fraction: number | undefined) => void;

/**
 * One request by XMLHttpRequest, which, unlike fetch, reports an upload's progress: the file
 * itself is the body (an import's workbook), or the answer is a file (an export).
 */
function transfer(
  method: 'GET' | 'POST',
  url: string,
  options: { body?: Blob; contentType?: string; onProgress?: Progress; blob?: boolean },
): Promise<XMLHttpRequest> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (options.contentType !== undefined) xhr.setRequestHeader('content-type', options.contentType);
    if (method !== 'GET' && csrfToken !== undefined) xhr.setRequestHeader('x-csrf-token', csrfToken);
    if (options.blob) xhr.responseType = 'blob';
    const report = (event: ProgressEvent) =>
      options.onProgress?.(event.lengthComputable && event.total > 0 ? event.loaded / event.total : undefined);
    if (options.body !== undefined) xhr.upload.onprogress = report;
    else xhr.onprogress = report;
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试'));
    xhr.send(options.body ?? null);
  });
}

/** A failed XMLHttpRequest as the ApiError a failed fetch would give. */
async function transferError(xhr: XMLHttpRequest): Promise<ApiError> {
  const body = xhr.response instanceof Blob ? await xhr.response.text() : String(xhr.responseText ?? '');
  const error = await errorFromResponse(new Response(body === '' ? null : body, { status: xhr.status }));
  if (error.status === 401) unauthorized?.(error);
  return error;
}

/** Uploads a file as the request's body, reporting progress; the answer is JSON. */
export async function uploadFile<T>(
  path: string,
  file: Blob,
  contentType: string,
  options: { query?: Query; onProgress?: Progress } = {},
): Promise<T> {
  const xhr = await transfer('POST', `${path}${queryString(options.query)}`, {
    body: file,
    contentType,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (xhr.status < 200 || xhr.status >= 300) throw await transferError(xhr);
  try {
    return JSON.parse(xhr.responseText) as T;
  } catch {
    throw new ApiError(xhr.status, 'BAD_RESPONSE', '服务器返回的数据无法解析');
  }
}

/** A file to download, reporting progress as it arrives. */
export async function downloadFile(
  path: string,
  options: { query?: Query; onProgress?: Progress } = {},
): Promise<{ blob: Blob; filename: string | undefined }> {
  const xhr = await transfer('GET', `${path}${queryString(options.query)}`, {
    blob: true,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (xhr.status < 200 || xhr.status >= 300) throw await transferError(xhr);
  return { blob: xhr.response as Blob, filename: dispositionFilename(xhr.getResponseHeader('content-disposition')) };
}
