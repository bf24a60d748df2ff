import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { StorageSettings } from './settings';

/** AWS's managed "CachingOptimized" cache policy. */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';

export interface Storage {
  uploads: aws.s3.Bucket;
  assets: aws.s3.Bucket;
  distribution: aws.cloudfront.Distribution;
}

export function privateBucket(name: string, encryption: aws.types.input.s3.BucketServerSideEncryptionConfigurationRule): aws.s3.Bucket {
  const bucket = new aws.s3.Bucket(name, { forceDestroy: false });
  new aws.s3.BucketPublicAccessBlock(name, {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new aws.s3.BucketOwnershipControls(name, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
  new aws.s3.BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
  new aws.s3.BucketServerSideEncryptionConfiguration(name, { bucket: bucket.id, rules: [encryption] });
  return bucket;
}

export const denyInsecureTransport = (bucket: aws.s3.Bucket) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

/**
 * Uploads: private, versioned, SSE-KMS, moved to Intelligent-Tiering; the app reaches it through IRSA.
 * Static assets: private, served only by CloudFront through origin access control. (The API's own
 * distribution, with WAF, is in edge.ts; the backup bucket in backups.ts.)
 */
export function createStorage(name: string, settings: StorageSettings, key: aws.kms.Key, publicOrigin: string): Storage {
  const uploads = privateBucket(`${name}-uploads`, {
    applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn },
    bucketKeyEnabled: true,
  });
  new aws.s3.BucketLifecycleConfiguration(`${name}-uploads`, {
    bucket: uploads.id,
    rules: [
      { id: 'intelligent-tiering', status: 'Enabled', filter: {}, transitions: [{ days: 0, storageClass: 'INTELLIGENT_TIERING' }] },
      { id: 'expire-old-versions', status: 'Enabled', filter: {}, noncurrentVersionExpiration: { noncurrentDays: 30 } },
      { id: 'abort-incomplete-uploads', status: 'Enabled', filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
    ],
  });
  // Browsers upload with presigned PUTs straight to S3.
  new aws.s3.BucketCorsConfiguration(`${name}-uploads`, {
    bucket: uploads.id,
    corsRules: [{ allowedMethods: ['PUT', 'GET'], allowedOrigins: [publicOrigin], allowedHeaders: ['*'], maxAgeSeconds: 3600 }],
  });
  new aws.s3.BucketPolicy(`${name}-uploads`, {
    bucket: uploads.id,
    policy: pulumi.jsonStringify({ Version: '2012-10-17', Statement: [denyInsecureTransport(uploads)] }),
  });

  const assets = privateBucket(`${name}-assets`, { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } });
  const oac = new aws.cloudfront.OriginAccessControl(`${name}-assets`, {
    description: `${name} static assets`,
    originAccessControlOriginType: 's3',
    signingBehavior: 'always',
    signingProtocol: 'sigv4',
  });
  const distribution = new aws.cloudfront.Distribution(`${name}-assets`, {
    enabled: true,
    isIpv6Enabled: true,
    httpVersion: 'http2and3',
    priceClass: settings.cloudfrontPriceClass,
    defaultRootObject: 'index.html',
    origins: [{ originId: 'assets', domainName: assets.bucketRegionalDomainName, originAccessControlId: oac.id }],
    defaultCacheBehavior: {
      targetOriginId: 'assets',
      viewerProtocolPolicy: 'redirect-to-https',
      allowedMethods: ['GET', 'HEAD'],
      cachedMethods: ['GET', 'HEAD'],
      cachePolicyId: CACHING_OPTIMIZED,
      compress: true,
    },
    restrictions: { geoRestriction: { restrictionType: 'none' } },
    viewerCertificate: { cloudfrontDefaultCertificate: true, minimumProtocolVersion: 'TLSv1.2_2021' },
  });
  new aws.s3.BucketPolicy(`${name}-assets`, {
    bucket: assets.id,
    policy: pulumi.jsonStringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'CloudFrontReadsThroughOAC',
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: pulumi.interpolate`${assets.arn}/*`,
          Condition: { StringEquals: { 'AWS:SourceArn': distribution.arn } },
        },
        denyInsecureTransport(assets),
      ],
    }),
  });
  return { uploads, assets, distribution };
}
