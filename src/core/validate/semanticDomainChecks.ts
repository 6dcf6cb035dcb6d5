/**
 * Semantic domains, as TFDV checks them: image_domain (image_domain_util.cc), natural_language_domain
 * (natural_language_domain_util.cc). Each relaxes the domain to accept the data.
 */
import { isFieldSet } from '@bufbuild/protobuf';
import { anyUnpack } from '@bufbuild/protobuf/wkt';
import { AnomalyInfo_Type } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Feature, NaturalLanguageDomain, SequenceValueConstraints } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import {
  FeatureCoverageConstraintsSchema,
  ImageDomainSchema,
  SequenceValueConstraintsSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { NaturalLanguageStatistics, NaturalLanguageStatistics_TokenStatistics } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { NaturalLanguageStatisticsSchema } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { FeatureStatsView } from '../schema/statsView.js';
import type { Description } from './description.js';
import { describe } from './description.js';
import { fixedSix, sixDigits } from './tfdvFormat.js';

function customStat(view: FeatureStatsView, name: string) {
  return view.data.customStats.find((c) => c.name === name);
}

/** minimum_supported_image_fraction against `image_format_histogram`, max_image_byte_size against the largest value. */
export function updateImageDomain(view: FeatureStatsView, feature: Feature): Description[] {
  if (feature.domainInfo.case !== 'imageDomain') return [];
  const domain = feature.domainInfo.value;
  const out: Description[] = [];
  if (isFieldSet(domain, ImageDomainSchema.field.minimumSupportedImageFraction)) {
    const histogram = customStat(view, 'image_format_histogram');
    // Without the histogram (semantic domain statistics not enabled) TFDV only logs a warning.
    if (histogram) {
      // TFDV sums in C++ floats.
      let supported = 0;
      let unsupported = 0;
      for (const b of histogram.val.case === 'rankHistogram' ? histogram.val.value.buckets : []) {
        if (b.label === 'UNKNOWN') unsupported = Math.fround(unsupported + b.sampleCount);
        else supported = Math.fround(supported + b.sampleCount);
      }
      const fraction = Math.fround(supported / Math.fround(supported + unsupported));
      const original = Math.fround(domain.minimumSupportedImageFraction);
      if (fraction < original) {
        domain.minimumSupportedImageFraction = fraction;
        out.push(
          describe(
            AnomalyInfo_Type.LOW_SUPPORTED_IMAGE_FRACTION,
            'Low supported image fraction',
            `Fraction of values containing TensorFlow supported images: ${fixedSix(fraction)} is lower than the threshold set in the Schema: ${fixedSix(original)}.`,
          ),
        );
      }
    }
  }
  if (isFieldSet(domain, ImageDomainSchema.field.maxImageByteSize)) {
    const bytes = view.data.stats.case === 'bytesStats' ? view.data.stats.value.maxNumBytesInt : 0n;
    const allowed = domain.maxImageByteSize;
    if (bytes > allowed) {
      domain.maxImageByteSize = bytes;
      out.push(
        describe(
          AnomalyInfo_Type.MAX_IMAGE_BYTE_SIZE_EXCEEDED,
          'Num bytes exceeds the max byte size.',
          `The largest image has bytes: ${bytes}. The max allowed byte size is: ${allowed}.`,
        ),
      );
    }
  }
  return out;
}

/** The NaturalLanguageStatistics packed in the `nl_statistics` custom statistic; null when it holds something else. */
function naturalLanguageStatistics(view: FeatureStatsView): NaturalLanguageStatistics | null | undefined {
  const stat = customStat(view, 'nl_statistics');
  if (!stat) return undefined;
  if (stat.val.case !== 'any') return null;
  try {
    return anyUnpack(stat.val.value, NaturalLanguageStatisticsSchema) ?? null;
  } catch {
    return null;
  }
}

const STATS_NOT_AVAILABLE = describe(
  AnomalyInfo_Type.STATS_NOT_AVAILABLE,
  'Natural language stats are not computed.',
  'Constraints specified in natural language domain cannot be verified because natural language stats have not been computed.',
);

/** `absl::StrCat` of a float field: six significant digits of the float32 value. */
const f32 = (x: number): string => sixDigits(Math.fround(x));

function verifyCoverage(stats: NaturalLanguageStatistics, domain: NaturalLanguageDomain, out: Description[]): void {
  const coverage = domain.coverage;
  if (!coverage) return;
  if (isFieldSet(coverage, FeatureCoverageConstraintsSchema.field.minCoverage) && Math.fround(coverage.minCoverage) > stats.featureCoverage) {
    out.push(
      describe(
        AnomalyInfo_Type.FEATURE_COVERAGE_TOO_LOW,
        'Feature coverage is too low.',
        `Fraction of tokens in the vocabulary: ${sixDigits(stats.featureCoverage)} is lower than the threshold set in the Schema: ${f32(coverage.minCoverage)}.`,
      ),
    );
    coverage.minCoverage = Math.fround(stats.featureCoverage);
  }
  if (isFieldSet(coverage, FeatureCoverageConstraintsSchema.field.minAvgTokenLength) && stats.avgTokenLength < Math.fround(coverage.minAvgTokenLength)) {
    out.push(
      describe(
        AnomalyInfo_Type.FEATURE_COVERAGE_TOO_SHORT_AVG_TOKEN_LENGTH,
        'Average token length is too short.',
        `Average token length is: ${sixDigits(stats.avgTokenLength)} which is lower than the threshold set in the Schema: ${f32(coverage.minAvgTokenLength)}.`,
      ),
    );
    coverage.minAvgTokenLength = Math.fround(stats.avgTokenLength);
  }
}

function verifyToken(token: NaturalLanguageStatistics_TokenStatistics, name: string, c: SequenceValueConstraints, out: Description[]): void {
  const has = (f: (typeof SequenceValueConstraintsSchema.field)[keyof typeof SequenceValueConstraintsSchema.field]): boolean => isFieldSet(c, f);
  const fraction = token.fractionOfSequences;
  if (has(SequenceValueConstraintsSchema.field.minFractionOfSequences) && Math.fround(c.minFractionOfSequences) > fraction) {
    out.push(
      describe(
        AnomalyInfo_Type.SEQUENCE_VALUE_TOO_SMALL_FRACTION,
        'Value occurs in too small a fraction of sequences.',
        `Fraction of sequences with value: ${name} is: ${sixDigits(fraction)} which is lower than the threshold set in the Schema: ${f32(c.minFractionOfSequences)}.`,
      ),
    );
    c.minFractionOfSequences = Math.fround(fraction);
  }
  if (has(SequenceValueConstraintsSchema.field.maxFractionOfSequences) && Math.fround(c.maxFractionOfSequences) < fraction) {
    out.push(
      describe(
        AnomalyInfo_Type.SEQUENCE_VALUE_TOO_LARGE_FRACTION,
        'Value occurs in too large a fraction of sequences.',
        `Fraction of sequences with value: ${name} is: ${sixDigits(fraction)} which is higher than the threshold set in the Schema: ${f32(c.maxFractionOfSequences)}.`,
      ),
    );
    c.maxFractionOfSequences = Math.fround(fraction);
  }
  if (has(SequenceValueConstraintsSchema.field.minPerSequence) && Number(c.minPerSequence) > token.perSequenceMinFrequency) {
    out.push(
      describe(
        AnomalyInfo_Type.SEQUENCE_VALUE_TOO_FEW_OCCURRENCES,
        'Value has too few per-sequence occurrences.',
        `Value: ${name} occurs at least: ${sixDigits(token.perSequenceMinFrequency)} times within a sequence, which is lower than the threshold set in the Schema: ${c.minPerSequence}.`,
      ),
    );
    // The C++ assigns the double to an int64 field: truncation.
    c.minPerSequence = BigInt(Math.trunc(token.perSequenceMinFrequency));
  }
  if (has(SequenceValueConstraintsSchema.field.maxPerSequence) && Number(c.maxPerSequence) < token.perSequenceMaxFrequency) {
    out.push(
      describe(
        AnomalyInfo_Type.SEQUENCE_VALUE_TOO_MANY_OCCURRENCES,
        'Value has too many per-sequence occurrences.',
        `Value: ${name} occurs at most: ${sixDigits(token.perSequenceMaxFrequency)} times within a sequence, which is higher than the threshold set in the Schema: ${c.maxPerSequence}.`,
      ),
    );
    c.maxPerSequence = BigInt(Math.trunc(token.perSequenceMaxFrequency));
  }
}

/**
 * Coverage and token constraints against `nl_statistics`. Like TFDV 1.21, sequence_length_constraints,
 * vocabulary and the excluded / OOV token lists are not checked (no C++ code raises NLP_WRONG_LOCATION).
 */
export function updateNaturalLanguageDomain(view: FeatureStatsView, feature: Feature): Description[] {
  if (feature.domainInfo.case !== 'naturalLanguageDomain') return [];
  const domain = feature.domainInfo.value;
  const stats = naturalLanguageStatistics(view);
  // Statistics of another message type: TFDV logs a warning and checks nothing.
  if (stats === null) return [];
  const constrained =
    (domain.coverage !== undefined &&
      (isFieldSet(domain.coverage, FeatureCoverageConstraintsSchema.field.minCoverage) ||
        isFieldSet(domain.coverage, FeatureCoverageConstraintsSchema.field.minAvgTokenLength))) ||
    domain.tokenConstraints.length > 0;
  if (constrained && stats === undefined) {
    feature.domainInfo = { case: undefined };
    return [STATS_NOT_AVAILABLE];
  }
  if (stats === undefined) return [];
  const out: Description[] = [];
  verifyCoverage(stats, domain, out);
  const byToken = new Map<string, NaturalLanguageStatistics_TokenStatistics>();
  for (const t of stats.tokenStatistics) {
    // std::map::emplace keeps the first entry of a token.
    const key = t.token.case === 'intToken' ? `i:${t.token.value}` : t.token.case === 'stringToken' ? `s:${t.token.value}` : undefined;
    if (key !== undefined && !byToken.has(key)) byToken.set(key, t);
  }
  for (const c of domain.tokenConstraints) {
    let key: string;
    let name: string;
    if (c.value.case === 'intValue') {
      key = `i:${c.value.value}`;
      name = String(c.value.value);
    } else if (c.value.case === 'stringValue') {
      key = `s:${c.value.value}`;
      name = c.value.value;
    } else continue;
    const token = byToken.get(key);
    if (!token) {
      out.push(STATS_NOT_AVAILABLE);
      feature.domainInfo = { case: undefined };
      return out;
    }
    verifyToken(token, name, c, out);
  }
  return out;
}
