/**
 * OpenAPI links from a created resource's answer to the operations on it (the routes have no operation ids, so a link
 * names its target by path and method): clients and the contract check follow them from a create to what comes next.
 */
type Method = 'get' | 'post' | 'patch' | 'delete';

const pointer = (path: string) => path.replaceAll('~', '~0').replaceAll('/', '~1');

/** The id in the answer's body feeds `{id}` of each of these operations. */
export function linksById(
  targets: Record<string, [Method, string]>,
  parameters: Record<string, string> = { id: '$response.body#/id' },
) {
  return Object.fromEntries(
    Object.entries(targets).map(([name, [method, path]]) => [
      name,
      { operationRef: `#/paths/${pointer(path)}/${method}`, parameters },
    ]),
  );
}
