/** A rendered message for an HTTP channel: the exact bytes to POST, and its headers. */
export interface HttpDelivery {
  body: string;
  headers: Record<string, string>;
}
