// Mocha globals provided by @web/test-runner.
declare function describe(name: string, fn: (this: unknown) => void): void;
declare function it(name: string, fn: (this: unknown) => void | Promise<void>): void;
declare function before(fn: () => void | Promise<void>): void;
declare function after(fn: () => void | Promise<void>): void;
declare function beforeEach(fn: () => void | Promise<void>): void;
declare function afterEach(fn: () => void | Promise<void>): void;

interface Window {
  __WIDGET_BUILD__?: 'src' | 'esm' | 'classic';
}
