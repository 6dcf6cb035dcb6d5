/**
 * The semantic domain a statistics generator proposes for a feature in a `domain_info` custom statistic (TFDV's
 * semantic-domain generators write e.g. `natural_language_domain {}`), applied the way custom_domain_util.cc does:
 * only to a feature without a domain, and only when the text holds exactly one field of the domain_info oneof.
 */
import { isFieldSet } from '@bufbuild/protobuf';
import type { Feature } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FeatureSchema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { parseText } from '../proto/textFormat.js';
import type { FeatureStatsView } from './statsView.js';

/**
 * A `domain_info` custom statistic (e.g. `natural_language_domain {}`, written by TFDV's semantic-domain
 * statistics generators) sets the feature's domain when it has none. True when it did.
 */
export function bestEffortUpdateCustomDomain(view: FeatureStatsView, feature: Feature): boolean {
  const infos = view.data.customStats.filter((c) => c.name === 'domain_info');
  if (infos.length !== 1) return false; // none, or a duplicate (a statistics bug TFDV logs)
  const info = infos[0];
  const text = info?.val.case === 'str' ? info.val.value : '';
  if (text === '' || feature.domainInfo.case !== undefined) return false;
  let parsed: Feature;
  try {
    parsed = parseText(FeatureSchema, text, 'domain_info', { strict: true });
  } catch {
    return false;
  }
  const set = FeatureSchema.fields.filter((f) => isFieldSet(parsed, f));
  if (set.length !== 1 || set[0]?.oneof?.name !== 'domain_info') return false;
  feature.domainInfo = parsed.domainInfo;
  return true;
}
