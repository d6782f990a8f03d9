/** What the Meta Graph parts need from the configuration. */
/** The configuration's `meta` section with its Graph URL resolved (config.ts: metaSettings). */
export interface MetaSettings {
  /** https://graph.facebook.com, or the Meta sandbox's `/graph`. */
  graphUrl: string;
  /** Graph version of every call (META_GRAPH_VERSION, the same the SDK uses). */
  graphVersion: string;
  timeoutMs: number;
  /** Repeats of a read (default 2); the code exchange is never repeated. */
  maxRetries?: number;
  /** The ASP's Meta app id (client_id of the code exchange). */
  appId?: string;
  /** The ASP's Meta app secret (secret): the code exchange. */
  appSecret?: string;
  /** A system-user token of the ASP's Tech Provider business (secret): lists numbers without the code. */
  systemUserToken?: string;
}
