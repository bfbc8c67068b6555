// Types of the two custom resources that have no published model, with the fields this deployment uses (and their
// siblings where cheap), taken from the CRDs' openAPIV3Schema. Like the published models, they let `satisfies` refuse
// unknown fields; check.mjs adds the CRDs' enums, minimums and patterns that types cannot say.
//
// - RabbitmqCluster: rabbitmq.com/v1beta1, config/crd/bases/rabbitmq.com_rabbitmqclusters.yaml of
//   rabbitmq/cluster-operator v2.22.3.
// - Cluster: postgresql.cnpg.io/v1, config/crd/bases/postgresql.cnpg.io_clusters.yaml of
//   cloudnative-pg/cloudnative-pg v1.30.0.
import type { IObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import type { IAffinity } from 'kubernetes-models/v1/Affinity';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { IToleration } from 'kubernetes-models/v1/Toleration';
import type { ITopologySpreadConstraint } from 'kubernetes-models/v1/TopologySpreadConstraint';

/** A resource.Quantity as the CRDs declare it (x-kubernetes-int-or-string). */
type Quantity = string | number;

export interface IRabbitmqCluster {
  apiVersion: 'rabbitmq.com/v1beta1';
  kind: 'RabbitmqCluster';
  metadata?: IObjectMeta;
  spec?: {
    /** minimum 0; the operator tests 1, 3 and 5. */
    replicas?: number;
    image?: string;
    imagePullSecrets?: Array<{ name?: string }>;
    service?: {
      type?: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
      annotations?: Record<string, string>;
      labels?: Record<string, string>;
      ipFamilyPolicy?: 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
    };
    persistence?: {
      storageClassName?: string;
      storage?: Quantity;
    };
    resources?: IResourceRequirements;
    affinity?: IAffinity;
    tolerations?: Array<IToleration>;
    rabbitmq?: {
      /** items: maxLength 100, pattern ^\w+$; maxItems 100. */
      additionalPlugins?: Array<string>;
      /** maxLength 100000. */
      additionalConfig?: string;
      /** maxLength 100000. */
      advancedConfig?: string;
      /** maxLength 100000. */
      envConfig?: string;
      erlangInetConfig?: string;
    };
    terminationGracePeriodSeconds?: number;
    delayStartSeconds?: number;
    skipPostDeploySteps?: boolean;
    autoEnableAllFeatureFlags?: boolean;
    override?: {
      statefulSet?: {
        spec?: {
          template?: {
            spec?: {
              topologySpreadConstraints?: Array<ITopologySpreadConstraint>;
            };
          };
        };
      };
    };
  };
}

interface ICnpgStorage {
  size?: string;
  storageClass?: string;
  resizeInUseVolumes?: boolean;
}

export interface ICluster {
  apiVersion: 'postgresql.cnpg.io/v1';
  kind: 'Cluster';
  metadata?: IObjectMeta;
  spec: {
    description?: string;
    /** required; minimum 1. */
    instances: number;
    imageName?: string;
    imagePullPolicy?: 'Always' | 'Never' | 'IfNotPresent';
    primaryUpdateStrategy?: 'unsupervised' | 'supervised';
    primaryUpdateMethod?: 'switchover' | 'restart';
    enableSuperuserAccess?: boolean;
    enablePDB?: boolean;
    logLevel?: 'error' | 'warning' | 'info' | 'debug' | 'trace';
    bootstrap?: {
      initdb?: {
        database?: string;
        owner?: string;
        encoding?: string;
        localeProvider?: string;
        dataChecksums?: boolean;
        postInitApplicationSQL?: Array<string>;
      };
    };
    postgresql?: {
      parameters?: Record<string, string>;
      synchronous?: {
        method: 'any' | 'first';
        /** x-kubernetes-validations: self > 0. */
        number: number;
        dataDurability?: 'required' | 'preferred';
        maxStandbyNamesFromCluster?: number;
        failoverQuorum?: boolean;
      };
    };
    storage?: ICnpgStorage;
    walStorage?: ICnpgStorage;
    resources?: IResourceRequirements;
    affinity?: {
      enablePodAntiAffinity?: boolean;
      topologyKey?: string;
      /** "preferred" (default) or "required"; a plain string in the CRD, checked by check.mjs. */
      podAntiAffinityType?: 'preferred' | 'required';
      nodeSelector?: Record<string, string>;
      tolerations?: Array<IToleration>;
    };
    topologySpreadConstraints?: Array<ITopologySpreadConstraint>;
    monitoring?: {
      customQueriesConfigMap?: Array<{ name: string; key: string }>;
      customQueriesSecret?: Array<{ name: string; key: string }>;
      disableDefaultQueries?: boolean;
      tls?: { enabled?: boolean };
    };
  };
}
