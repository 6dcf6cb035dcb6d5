/**
 * The webview side of VS Code's webview API, typed. `acquireVsCodeApi` may be called only once per page, so
 * every webview bundle gets it through here.
 */

interface RawVsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): RawVsCodeApi;

export interface VsCodeApi<Outgoing, State> {
  postMessage(message: Outgoing): void;
  /** The state saved by setState, as saved (unchecked: validate before use). */
  getState(): unknown;
  setState(state: State): void;
}

let api: RawVsCodeApi | undefined;

export function vscodeApi<Outgoing, State>(): VsCodeApi<Outgoing, State> {
  api ??= acquireVsCodeApi();
  const raw = api;
  return {
    postMessage: (message) => raw.postMessage(message),
    getState: () => raw.getState(),
    setState: (state) => raw.setState(state),
  };
}
