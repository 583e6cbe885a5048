declare namespace App {
  interface Locals {
    /** the visitor's address (src/lib/client-address.ts), sent to the runtime as X-Forwarded-For */
    clientAddress: string
    /** cookies the runtime set earlier in this request, sent along with later calls to it */
    runtimeCookies: Map<string, string>
  }
}
