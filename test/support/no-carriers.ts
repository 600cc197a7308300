import type { ActivityDeps } from '../../workers/activity-deps.js';

const noApi = (): never => {
  throw new Error('these tests use carriers without an API');
};

/** Activity dependencies for tests whose carriers have no API: calling one is a test bug. */
export const withoutCarriers: Pick<ActivityDeps, 'ordering' | 'ticketing' | 'listenerUrl'> = {
  ordering: noApi,
  ticketing: noApi,
  listenerUrl: () => 'http://127.0.0.1:9',
};
