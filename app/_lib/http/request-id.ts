/**
 * The id of a request in the console's logs: the caller's `x-request-id` when it is a plain token
 * (a load balancer's), else a new one. The proxy sets it for every request and response.
 */
export function requestIdOf(headers: Headers): string {
  const given = headers.get('x-request-id');
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : crypto.randomUUID();
}
