import { recordAt, SchemaDoc } from "./schema-doc.js";

let loaded: WebhookDescription | null = null;

/**
 * GitHub's webhooks as `@octokit/openapi-webhooks` describes them: the
 * payload schema of each event and action, e.g. `pull-request-opened`.
 */
export class WebhookDescription {
  constructor(readonly doc: SchemaDoc) {}

  /** Read once per process: every sandbox only reads it. */
  static load(): WebhookDescription {
    loaded ??= new WebhookDescription(SchemaDoc.load("@octokit/openapi-webhooks"));
    return loaded;
  }

  /** The payload schema of `event` (`pull_request`) with `action` (`opened`), or of an event without actions (`push`). */
  payloadSchema(params: { event: string; action: string | null }): unknown {
    const name = [params.event, params.action]
      .filter((p): p is string => p !== null)
      .join("-")
      .replace(/_/g, "-");
    const webhooks = recordAt({ record: this.doc.root, key: "webhooks" }) ?? {};
    const entry = recordAt({ record: webhooks, key: name });
    const post = entry ? recordAt({ record: entry, key: "post" }) : null;
    const body = post ? this.doc.resolve(post.requestBody) : null;
    const content = body ? recordAt({ record: body, key: "content" }) : null;
    const json = content ? recordAt({ record: content, key: "application/json" }) : null;
    if (!json) throw new Error(`GitHub's webhook description has no payload for ${name}`);
    return json.schema;
  }
}
