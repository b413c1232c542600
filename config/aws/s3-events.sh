#!/usr/bin/env bash
# Sends a bucket's object-created events to where transcribe-bridge's source-events queue gets them (see
# config/aws/README.md). Two ways:
#
#   s3-events.sh [--dry-run] eventbridge BUCKET
#       Turns on EventBridge delivery for BUCKET, for the rule of transcribe-bridge-events.cfn.yaml
#       (SourceEventsVia=EventBridge, the default). Nothing else changes.
#
#   s3-events.sh [--dry-run] direct BUCKET QUEUE_URL [PREFIX]
#       Without EventBridge: S3 event notifications for s3:ObjectCreated:* (only keys under PREFIX if given) straight
#       to the queue, and a statement in the queue's policy letting s3.amazonaws.com send to it, for this bucket and
#       account only (aws:SourceArn, aws:SourceAccount). The template's queue with SourceEventsVia=S3Notifications
#       has such a statement already; the script's own beside it grants nothing more.
#
#   --dry-run prints what would be written instead of writing it.
#
# put-bucket-notification-configuration REPLACES the bucket's whole notification configuration (its Lambda, SNS and
# SQS notifications and the EventBridge switch). So this script reads the current configuration first and writes it
# back with only its own part added or updated: the bucket's other notifications stay. Running it again is harmless.
# S3 refuses a queue notification that overlaps one the bucket already has (same event, overlapping prefix).
#
# Needs the AWS CLI and jq, and credentials allowed s3:GetBucketNotification and s3:PutBucketNotification on the bucket
# (direct: also sqs:GetQueueAttributes and sqs:SetQueueAttributes on the queue, and sts:GetCallerIdentity): an
# administrator's, not the service's. Region and credentials as for any AWS CLI call (AWS_PROFILE, AWS_REGION, ...).
set -euo pipefail

readonly NOTIFICATION_ID=transcribe-bridge-source-events

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
}

fail() {
  echo "s3-events.sh: $*" >&2
  exit 2
}

dry_run=false
if [ "${1:-}" = --dry-run ]; then
  dry_run=true
  shift
fi

# The bucket's notification configuration as JSON ({} when it has none: older CLIs then print nothing).
current_notifications() {
  local current
  current=$(aws s3api get-bucket-notification-configuration --bucket "$1" --output json)
  if [ -z "$current" ]; then
    current='{}'
  fi
  printf '%s\n' "$current"
}

put_notifications() {
  local bucket=$1 configuration=$2
  if $dry_run; then
    echo "would put the notification configuration of s3://$bucket:"
    jq . <<<"$configuration"
  else
    aws s3api put-bucket-notification-configuration --bucket "$bucket" --notification-configuration "$configuration"
    echo "s3://$bucket: notification configuration written"
  fi
}

eventbridge() {
  [ $# -eq 1 ] || fail "usage: s3-events.sh eventbridge BUCKET"
  local bucket=$1 current
  current=$(current_notifications "$bucket")
  if jq -e 'has("EventBridgeConfiguration")' <<<"$current" >/dev/null; then
    echo "s3://$bucket: EventBridge delivery is on already"
    return
  fi
  put_notifications "$bucket" "$(jq -c '. + {EventBridgeConfiguration: {}}' <<<"$current")"
}

direct() {
  [ $# -eq 2 ] || [ $# -eq 3 ] || fail "usage: s3-events.sh direct BUCKET QUEUE_URL [PREFIX]"
  local bucket=$1 queue_url=$2 prefix=${3:-}
  local queue_arn partition account bucket_arn policy statement current notification

  queue_arn=$(aws sqs get-queue-attributes --queue-url "$queue_url" --attribute-names QueueArn \
    --query Attributes.QueueArn --output text)
  [[ $queue_arn == arn:*:sqs:* ]] || fail "$queue_url: no queue ARN ($queue_arn)"
  partition=$(cut -d: -f2 <<<"$queue_arn")
  bucket_arn="arn:$partition:s3:::$bucket"
  # the bucket owner's account: the one whose credentials may configure the bucket's notifications
  account=$(aws sts get-caller-identity --query Account --output text)

  # 1. the queue policy first: S3 checks that it may send to the queue when the notification is written
  policy=$(aws sqs get-queue-attributes --queue-url "$queue_url" --attribute-names Policy \
    --query Attributes.Policy --output text)
  if [ -z "$policy" ] || [ "$policy" = None ]; then
    policy='{"Version": "2012-10-17", "Statement": []}'
  fi
  statement=$(jq -nc --arg sid "transcribe-bridge-s3-notifications-$bucket" --arg queue "$queue_arn" \
    --arg bucket "$bucket_arn" --arg account "$account" '{
      Sid: $sid, Effect: "Allow", Principal: {Service: "s3.amazonaws.com"}, Action: "sqs:SendMessage",
      Resource: $queue,
      Condition: {ArnEquals: {"aws:SourceArn": $bucket}, StringEquals: {"aws:SourceAccount": $account}}}')
  # keep every other statement; replace an earlier run's
  policy=$(jq -c --argjson statement "$statement" \
    '.Statement = ([.Statement // [] | if type == "array" then .[] else . end | select(.Sid != $statement.Sid)]
                   + [$statement])' <<<"$policy")
  if $dry_run; then
    echo "would set the policy of $queue_url:"
    jq . <<<"$policy"
  else
    aws sqs set-queue-attributes --queue-url "$queue_url" --attributes "$(jq -nc --arg p "$policy" '{Policy: $p}')"
    echo "$queue_url: s3.amazonaws.com may send s3://$bucket's events"
  fi

  # 2. the bucket's notifications: its other ones as they are, this script's queue notification added or replaced
  current=$(current_notifications "$bucket")
  notification=$(jq -nc --arg id "$NOTIFICATION_ID" --arg queue "$queue_arn" --arg prefix "$prefix" '
    {Id: $id, QueueArn: $queue, Events: ["s3:ObjectCreated:*"]}
    + if $prefix == "" then {} else {Filter: {Key: {FilterRules: [{Name: "prefix", Value: $prefix}]}}} end')
  put_notifications "$bucket" "$(jq -c --argjson notification "$notification" \
    '.QueueConfigurations = ([.QueueConfigurations // [] | .[] | select(.Id != $notification.Id)] + [$notification])' \
    <<<"$current")"
  if [ -z "$prefix" ]; then
    echo "note: every object created in s3://$bucket becomes a message, the service's own writes too when the output" \
         "bucket is the same (the service skips them; give a PREFIX to spare the requests)"
  fi
}

case "${1:-}" in
  eventbridge) shift; command -v jq >/dev/null || fail "needs jq"; eventbridge "$@" ;;
  direct) shift; command -v jq >/dev/null || fail "needs jq"; direct "$@" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
