import { takeBrowserProblems } from './browser';

// Each e2e file ends with no console error, uncaught exception or 5xx seen by its browsers.
afterAll(() => {
  expect(takeBrowserProblems()).toEqual([]);
});
