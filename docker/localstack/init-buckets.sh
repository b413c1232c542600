#!/bin/bash
# LocalStack ready hook (mounted into /etc/localstack/init/ready.d/): creates the buckets the service is configured
# with, so `docker compose --profile localstack up` needs no manual step.
set -euo pipefail
for bucket in "${SOURCE_BUCKET:?}" "${OUTPUT_BUCKET:-$SOURCE_BUCKET}"; do
  awslocal s3api head-bucket --bucket "$bucket" 2>/dev/null || awslocal s3 mb "s3://$bucket"
done
