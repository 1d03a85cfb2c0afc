/** Reading AEM's answers: success or a typed failure, and JSON that must be JSON. */
import { AemHttpError, EndpointUnavailableError } from '../errors';
import type { Endpoint } from '../contract/endpoints';

/** 404/405 from an endpoint this AEM may not have [contract: Rules the code follows]: the step degrades. */
export async function expectOk(res: Response, endpoint: Endpoint, path = endpoint.path): Promise<string> {
  const body = await res.text();
  if ((res.status === 404 || res.status === 405) && !(res.headers.get('content-type') ?? '').includes('json')) {
    throw new EndpointUnavailableError(endpoint, res.status);
  }
  if (!res.ok) throw new AemHttpError(res.status, body, path);
  return body;
}

export function parseJson<T>(text: string, path: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new AemHttpError(200, text, path);
  }
}
