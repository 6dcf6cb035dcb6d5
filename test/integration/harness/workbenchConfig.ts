// Describes what the harness adds to the workbench's web configuration (the JSON in
// <meta id="vscode-workbench-web-configuration" data-settings>) before the workbench reads it: the extension
// under development and the test runner — the web equivalent of desktop VS Code's --extensionDevelopmentPath /
// --extensionTestsPath.

/** VS Code's UriComponents: what `URI.revive` accepts. */
export interface UriComponents {
  scheme: string;
  authority: string;
  path: string;
  query: string;
  fragment: string;
}

export interface DevelopmentOptions {
  /** Folders of extensions under development (loaded by the server's Node extension host). */
  extensions?: UriComponents[];
  /** A module exporting `run(): Promise<void>`; when set, VS Code runs it and then reports the exit code. */
  extensionTestsPath?: UriComponents;
}

/** A path on the code-server machine as a URI the workbench resolves through the remote connection. */
export function remoteUri(remoteAuthority: string, absolutePath: string): UriComponents {
  return { scheme: 'vscode-remote', authority: remoteAuthority, path: absolutePath, query: '', fragment: '' };
}

/**
 * Source of a script that runs in the page before any of its own (page.addInitScript) and merges `options`
 * into the workbench configuration. The meta tag is parsed after this runs, so a MutationObserver edits it as
 * soon as the parser adds it; the workbench is a module script, which runs only after parsing ends, so it
 * always sees the edited JSON. A string rather than a function because this project's TypeScript has no DOM
 * types outside webview/. (Rewriting the served HTML with page.route + route.fulfill injects the options
 * too, but then the workbench's WebSocket connections to code-server close at once with 1006.)
 */
export function developmentOptionsInitScript(options: DevelopmentOptions): string {
  return `(() => {
  const options = ${JSON.stringify(options)};
  const apply = (meta) => {
    const config = JSON.parse(meta.getAttribute('data-settings') || '{}');
    const existing = config.developmentOptions;
    config.developmentOptions = Object.assign({}, typeof existing === 'object' && existing !== null ? existing : {}, options);
    meta.setAttribute('data-settings', JSON.stringify(config));
    meta.setAttribute('data-facetwise-injected', 'true');
  };
  const observer = new MutationObserver(() => {
    const meta = document.getElementById('vscode-workbench-web-configuration');
    if (meta) {
      observer.disconnect();
      apply(meta);
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;
}
