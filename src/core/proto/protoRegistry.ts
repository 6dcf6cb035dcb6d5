/**
 * Every message type Facetwise reads or writes, so that functions given only a message (`printText(message)`)
 * can find its descriptor from its `$typeName`.
 */
import { createRegistry } from '@bufbuild/protobuf';
import type { DescMessage, Message } from '@bufbuild/protobuf';
import { FacetwiseError } from '../data/issues.js';
import { file_tensorflow_core_example_example } from './gen/tensorflow/core/example/example_pb.js';
import { file_google_protobuf_any } from '@bufbuild/protobuf/wkt';
import { file_tensorflow_metadata_proto_v0_anomalies } from './gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { file_tensorflow_metadata_proto_v0_derived_feature } from './gen/tensorflow_metadata/proto/v0/derived_feature_pb.js';
import { file_tensorflow_metadata_proto_v0_path } from './gen/tensorflow_metadata/proto/v0/path_pb.js';
import { file_tensorflow_metadata_proto_v0_schema } from './gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { file_tensorflow_metadata_proto_v0_statistics } from './gen/tensorflow_metadata/proto/v0/statistics_pb.js';

export const protoRegistry = createRegistry(
  file_tensorflow_metadata_proto_v0_path,
  file_tensorflow_metadata_proto_v0_derived_feature,
  file_tensorflow_metadata_proto_v0_schema,
  file_tensorflow_metadata_proto_v0_statistics,
  file_tensorflow_metadata_proto_v0_anomalies,
  file_tensorflow_core_example_example,
  // Any (Annotation.extra_metadata, CustomStatistic.any) names its payload by type URL; JSON needs the registry.
  file_google_protobuf_any,
);

/** The descriptor of a message of one of Facetwise's types. */
export function descriptorOf(message: Message): DescMessage {
  const desc = protoRegistry.getMessage(message.$typeName);
  if (!desc) throw new FacetwiseError('PROTO_UNKNOWN_TYPE', `no message type named ${message.$typeName} is known`);
  return desc;
}
