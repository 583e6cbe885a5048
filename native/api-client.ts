export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

/** A browser-like visitor: keeps the session cookie between requests. */
export class ApiClient {
  readonly baseUrl: string
  cookie = ''

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) this.cookie = setCookie.split(';')[0]
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers }
  }

  get = <T = any>(path: string) => this.request<T>('GET', path)
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body)
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body)
}
