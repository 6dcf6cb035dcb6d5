/** How a skew/drift measurement's type reads in tables and reports (CLI and extension alike). */
import { DriftSkewInfo_Measurement_Type } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';

export function measurementName(t: DriftSkewInfo_Measurement_Type): string {
  switch (t) {
    case DriftSkewInfo_Measurement_Type.L_INFTY:
      return 'L-infinity';
    case DriftSkewInfo_Measurement_Type.JENSEN_SHANNON_DIVERGENCE:
      return 'Jensen-Shannon';
    case DriftSkewInfo_Measurement_Type.NORMALIZED_ABSOLUTE_DIFFERENCE:
      return 'normalized abs. difference';
    default:
      return 'unknown';
  }
}
