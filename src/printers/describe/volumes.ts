/**
 * Volume sources as describe prints them, for pod volumes and persistent volume sources.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { DescribeWriter } from './writer.js';
import { goBool, goList, labelsMultiline, annotationsMultiline } from './common.js';
import { Quantity, quantityString } from '../../util/quantity.js';

/** "%v" of a Go value that is a string, number or bool (zero value when unset). */
const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const n = (v: unknown): string => (v === undefined || v === null ? '0' : String(v));
const b = (v: unknown): string => goBool(v);
/** "%v" of a pointer to an API struct: its generated String(), "nil" when unset. */
const ref = (v: any, type: string, fields: [string, string][]): string => (v ? `&${type}{${fields.map(([k, f]) => `${k}:${s(v[f])},`).join('')}}` : 'nil');
/** "%v" of a *bool: Go prints the pointer itself; we print the value it points to. */
const boolPtr = (v: unknown): string => (v === undefined || v === null ? '<nil>' : goBool(v));
const localRef = (v: any) => ref(v, 'LocalObjectReference', [['Name', 'name']]);
const secretRef = (v: any) => ref(v, 'SecretReference', [['Name', 'name'], ['Namespace', 'namespace']]);
/** "%v" of a map[string]string: "map[k:v k2:v2]" sorted. */
const goMap = (m: Record<string, string> | undefined): string =>
  `map[${Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}:${m![k]}`)
    .join(' ')}]`;

function block(w: DescribeWriter, type: string, rows: [string, string][]): void {
  w.write(2, `Type:\t${type}\n` + rows.map(([k, v]) => `    ${k}${k.endsWith(' ') || k === 'ISCSIInterface' ? '' : ':'}\t${v}\n`).join(''));
}

const hostPath = (w: DescribeWriter, v: any) => block(w, 'HostPath (bare host directory volume)', [['Path', s(v.path)], ['HostPathType', v.type === undefined || v.type === null ? '<none>' : s(v.type)]]);

function emptyDir(w: DescribeWriter, v: any): void {
  const q = Quantity.parse(v.sizeLimit);
  const size = q && q.sign() > 0 ? q.toString() : '<unset>';
  block(w, "EmptyDir (a temporary directory that shares a pod's lifetime)", [['Medium', s(v.medium)], ['SizeLimit', size]]);
}

const gce = (w: DescribeWriter, v: any) =>
  block(w, 'GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)', [['PDName', s(v.pdName)], ['FSType', s(v.fsType)], ['Partition', n(v.partition)], ['ReadOnly', b(v.readOnly)]]);
const aws = (w: DescribeWriter, v: any) =>
  block(w, 'AWSElasticBlockStore (a Persistent Disk resource in AWS)', [['VolumeID', s(v.volumeID)], ['FSType', s(v.fsType)], ['Partition', n(v.partition)], ['ReadOnly', b(v.readOnly)]]);
const gitRepo = (w: DescribeWriter, v: any) => block(w, 'GitRepo (a volume that is pulled from git when the pod is created)', [['Repository', s(v.repository)], ['Revision', s(v.revision)]]);
const secret = (w: DescribeWriter, v: any) => block(w, 'Secret (a volume populated by a Secret)', [['SecretName', s(v.secretName)], ['Optional', b(v.optional)]]);
const configMap = (w: DescribeWriter, v: any) => block(w, 'ConfigMap (a volume populated by a ConfigMap)', [['Name', s(v.name)], ['Optional', b(v.optional)]]);
const nfs = (w: DescribeWriter, v: any) => block(w, 'NFS (an NFS mount that lasts the lifetime of a pod)', [['Server', s(v.server)], ['Path', s(v.path)], ['ReadOnly', b(v.readOnly)]]);
const quobyte = (w: DescribeWriter, v: any) => block(w, "Quobyte (a Quobyte mount on the host that shares a pod's lifetime)", [['Registry', s(v.registry)], ['Volume', s(v.volume)], ['ReadOnly', b(v.readOnly)]]);
const portworx = (w: DescribeWriter, v: any) => block(w, 'PortworxVolume (a Portworx Volume resource)', [['VolumeID', s(v.volumeID)]]);

function iscsi(w: DescribeWriter, v: any, pv: boolean): void {
  block(w, "ISCSI (an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod)", [
    ['TargetPortal', s(v.targetPortal)],
    ['IQN', s(v.iqn)],
    ['Lun', n(v.lun)],
    ['ISCSIInterface', s(v.iscsiInterface)],
    ['FSType', s(v.fsType)],
    ['ReadOnly', b(v.readOnly)],
    ['Portals', goList(v.portals)],
    ['DiscoveryCHAPAuth', b(v.chapAuthDiscovery)],
    ['SessionCHAPAuth', b(v.chapAuthSession)],
    ['SecretRef', pv ? secretRef(v.secretRef) : localRef(v.secretRef)],
    ['InitiatorName', v.initiatorName === undefined || v.initiatorName === null ? '<none>' : s(v.initiatorName)],
  ]);
}

function glusterfs(w: DescribeWriter, v: any, pv: boolean): void {
  const rows: [string, string][] = [['EndpointsName', s(v.endpoints)]];
  if (pv) rows.push(['EndpointsNamespace', v.endpointsNamespace === undefined || v.endpointsNamespace === null ? '<unset>' : s(v.endpointsNamespace)]);
  rows.push(['Path', s(v.path)], ['ReadOnly', b(v.readOnly)]);
  block(w, "Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)", rows);
}

const pvcSource = (w: DescribeWriter, v: any) =>
  block(w, 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', [['ClaimName', s(v.claimName)], ['ReadOnly', b(v.readOnly)]]);

function rbd(w: DescribeWriter, v: any, pv: boolean): void {
  block(w, "RBD (a Rados Block Device mount on the host that shares a pod's lifetime)", [
    ['CephMonitors', goList(v.monitors)],
    ['RBDImage', s(v.image)],
    ['FSType', s(v.fsType)],
    ['RBDPool', s(v.pool)],
    ['RadosUser', s(v.user)],
    ['Keyring', s(v.keyring)],
    ['SecretRef', pv ? secretRef(v.secretRef) : localRef(v.secretRef)],
    ['ReadOnly', b(v.readOnly)],
  ]);
}

function downwardAPI(w: DescribeWriter, v: any): void {
  w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
  for (const item of v.items ?? []) {
    if (item.fieldRef) w.write(3, `${s(item.fieldRef.fieldPath)} -> ${s(item.path)}\n`);
    if (item.resourceFieldRef) w.write(3, `${s(item.resourceFieldRef.resource)} -> ${s(item.path)}\n`);
  }
}

function azureDisk(w: DescribeWriter, v: any): void {
  block(w, 'AzureDisk (an Azure Data Disk mount on the host and bind mount to the pod)', [
    ['DiskName', s(v.diskName)],
    ['DiskURI', s(v.diskURI)],
    ['Kind: ', s(v.kind)],
    ['FSType', s(v.fsType)],
    ['CachingMode', s(v.cachingMode)],
    ['ReadOnly', b(v.readOnly)],
  ]);
}

const vsphere = (w: DescribeWriter, v: any) =>
  block(w, 'vSphereVolume (a Persistent Disk resource in vSphere)', [['VolumePath', s(v.volumePath)], ['FSType', s(v.fsType)], ['StoragePolicyName', s(v.storagePolicyName)]]);
const photon = (w: DescribeWriter, v: any) => block(w, 'PhotonPersistentDisk (a Persistent Disk resource in photon platform)', [['PdID', s(v.pdID)], ['FSType', s(v.fsType)]]);
const cinder = (w: DescribeWriter, v: any, pv: boolean) =>
  block(w, 'Cinder (a Persistent Disk resource in OpenStack)', [['VolumeID', s(v.volumeID)], ['FSType', s(v.fsType)], ['ReadOnly', b(v.readOnly)], ['SecretRef', pv ? secretRef(v.secretRef) : localRef(v.secretRef)]]);

function scaleIO(w: DescribeWriter, v: any, pv: boolean): void {
  const rows: [string, string][] = [
    ['Gateway', s(v.gateway)],
    ['System', s(v.system)],
    ['Protection Domain', s(v.protectionDomain)],
    ['Storage Pool', s(v.storagePool)],
    ['Storage Mode', s(v.storageMode)],
    ['VolumeName', s(v.volumeName)],
  ];
  if (pv) rows.push(['SecretName', s(v.secretRef?.name)], ['SecretNamespace', s(v.secretRef?.namespace)]);
  rows.push(['FSType', s(v.fsType)], ['ReadOnly', b(v.readOnly)]);
  block(w, 'ScaleIO (a persistent volume backed by a block device in ScaleIO)', rows);
}

const local = (w: DescribeWriter, v: any) => block(w, 'LocalVolume (a persistent volume backed by local storage on a node)', [['Path', s(v.path)]]);

const cephfs = (w: DescribeWriter, v: any, pv: boolean) =>
  block(w, "CephFS (a CephFS mount on the host that shares a pod's lifetime)", [
    ['Monitors', goList(v.monitors)],
    ['Path', s(v.path)],
    ['User', s(v.user)],
    ['SecretFile', s(v.secretFile)],
    ['SecretRef', pv ? secretRef(v.secretRef) : localRef(v.secretRef)],
    ['ReadOnly', b(v.readOnly)],
  ]);

const storageOS = (w: DescribeWriter, v: any) =>
  block(w, 'StorageOS (a StorageOS Persistent Disk resource)', [['VolumeName', s(v.volumeName)], ['VolumeNamespace', s(v.volumeNamespace)], ['FSType', s(v.fsType)], ['ReadOnly', b(v.readOnly)]]);

const fc = (w: DescribeWriter, v: any) =>
  block(w, 'FC (a Fibre Channel disk)', [
    ['TargetWWNs', (v.targetWWNs ?? []).join(', ')],
    ['LUN', v.lun === undefined || v.lun === null ? '<none>' : String(v.lun)],
    ['FSType', s(v.fsType)],
    ['ReadOnly', b(v.readOnly)],
  ]);

function azureFile(w: DescribeWriter, v: any, pv: boolean): void {
  const rows: [string, string][] = [['SecretName', s(v.secretName)]];
  if (pv) rows.push(['SecretNamespace', s(v.secretNamespace)]);
  rows.push(['ShareName', s(v.shareName)], ['ReadOnly', b(v.readOnly)]);
  block(w, 'AzureFile (an Azure File Service mount on the host and bind mount to the pod)', rows);
}

const flex = (w: DescribeWriter, v: any, pv: boolean) =>
  block(w, 'FlexVolume (a generic volume resource that is provisioned/attached using an exec based plugin)', [
    ['Driver', s(v.driver)],
    ['FSType', s(v.fsType)],
    ['SecretRef', pv ? secretRef(v.secretRef) : localRef(v.secretRef)],
    ['ReadOnly', b(v.readOnly)],
    ['Options', goMap(v.options)],
  ]);

const flocker = (w: DescribeWriter, v: any) => block(w, 'Flocker (a Flocker volume mounted by the Flocker agent)', [['DatasetName', s(v.datasetName)], ['DatasetUUID', s(v.datasetUUID)]]);

function projected(w: DescribeWriter, v: any): void {
  w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const src of v.sources ?? []) {
    if (src.secret) w.write(2, `SecretName:\t${s(src.secret.name)}\n    SecretOptionalName:\t${boolPtr(src.secret.optional)}\n`);
    else if (src.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
    else if (src.configMap) w.write(2, `ConfigMapName:\t${s(src.configMap.name)}\n    ConfigMapOptional:\t${boolPtr(src.configMap.optional)}\n`);
    else if (src.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${n(src.serviceAccountToken.expirationSeconds)}\n`);
  }
}

const MAX_ANNOTATION_LEN = 140;

function csiAttributes(w: DescribeWriter, attrs: Record<string, string> | undefined): void {
  w.write(2, 'VolumeAttributes:\t');
  const keys = Object.keys(attrs ?? {}).sort();
  if (!keys.length) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) {
      w.write(2, '');
      w.write(2, '\t');
    }
    const line = `${k}=${attrs![k]}`;
    w.write(2, Buffer.byteLength(line) > MAX_ANNOTATION_LEN ? `${Buffer.from(line).subarray(0, MAX_ANNOTATION_LEN).toString()}...\n` : `${line}\n`);
  });
}

function csi(w: DescribeWriter, v: any, pv: boolean): void {
  const rows: [string, string][] = [['Driver', s(v.driver)], ['FSType', s(v.fsType)]];
  if (pv) rows.push(['VolumeHandle', s(v.volumeHandle)]);
  rows.push(['ReadOnly', b(v.readOnly)]);
  block(w, 'CSI (a Container Storage Interface (CSI) volume source)', rows);
  csiAttributes(w, v.volumeAttributes);
}

const image = (w: DescribeWriter, v: any) => block(w, 'Image (a container image or OCI artifact)', [['Reference', s(v.reference)], ['PullPolicy', s(v.pullPolicy)]]);

/** GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
export function claimClass(pvc: any): string {
  const a = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (a !== undefined) return a;
  return s(pvc.spec?.storageClassName);
}

/** GetAccessModesAsString. */
export function accessModes(modes: string[] | undefined): string {
  const m = new Set(modes ?? []);
  const out: string[] = [];
  if (m.has('ReadWriteOnce')) out.push('RWO');
  if (m.has('ReadOnlyMany')) out.push('ROX');
  if (m.has('ReadWriteMany')) out.push('RWX');
  if (m.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** printPersistentVolumeClaim: a PVC, or (full=false) an ephemeral volume's claim template. */
export function printClaim(w: DescribeWriter, pvc: any, full: boolean, statusLine?: string): void {
  if (full) {
    w.write(0, `Name:\t${s(pvc.metadata?.name)}\n`);
    w.write(0, `Namespace:\t${s(pvc.metadata?.namespace)}\n`);
  }
  w.write(0, `StorageClass:\t${claimClass(pvc)}\n`);
  if (full) w.write(0, `Status:\t${statusLine ?? ''}\n`);
  w.write(0, `Volume:\t${s(pvc.spec?.volumeName)}\n`);
  labelsMultiline(w, 'Labels', pvc.metadata?.labels);
  annotationsMultiline(w, 'Annotations', pvc.metadata?.annotations);
  if (full) w.write(0, `Finalizers:\t${goList(pvc.metadata?.finalizers)}\n`);
  let capacity = '';
  let modes = '';
  if (pvc.spec?.volumeName) {
    modes = accessModes(pvc.status?.accessModes);
    capacity = quantityString(pvc.status?.capacity?.storage);
  }
  w.write(0, `Capacity:\t${capacity}\n`);
  w.write(0, `Access Modes:\t${modes}\n`);
  if (pvc.spec?.volumeMode !== undefined && pvc.spec?.volumeMode !== null) w.write(0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  const ds = pvc.spec?.dataSource;
  if (ds) {
    w.write(0, 'DataSource:\n');
    if (ds.apiGroup !== undefined && ds.apiGroup !== null) w.write(1, `APIGroup:\t${ds.apiGroup}\n`);
    w.write(1, `Kind:\t${s(ds.kind)}\n`);
    w.write(1, `Name:\t${s(ds.name)}\n`);
  }
}

function ephemeral(w: DescribeWriter, v: any): void {
  w.write(2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
  if (v.volumeClaimTemplate) printClaim(w.nested(2), { metadata: v.volumeClaimTemplate.metadata ?? {}, spec: v.volumeClaimTemplate.spec ?? {} }, false);
}

/** describeVolumes: a pod's (or template's, with space "  ") volumes. */
export function describeVolumes(w: DescribeWriter, volumes: any[] | undefined, space: string): void {
  if (!volumes?.length) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const vol of volumes) {
    w.write(1, `${space ? ' ' : ''}${s(vol.name)}:\n`);
    if (vol.hostPath) hostPath(w, vol.hostPath);
    else if (vol.emptyDir) emptyDir(w, vol.emptyDir);
    else if (vol.gcePersistentDisk) gce(w, vol.gcePersistentDisk);
    else if (vol.awsElasticBlockStore) aws(w, vol.awsElasticBlockStore);
    else if (vol.gitRepo) gitRepo(w, vol.gitRepo);
    else if (vol.secret) secret(w, vol.secret);
    else if (vol.configMap) configMap(w, vol.configMap);
    else if (vol.nfs) nfs(w, vol.nfs);
    else if (vol.iscsi) iscsi(w, vol.iscsi, false);
    else if (vol.glusterfs) glusterfs(w, vol.glusterfs, false);
    else if (vol.persistentVolumeClaim) pvcSource(w, vol.persistentVolumeClaim);
    else if (vol.ephemeral) ephemeral(w, vol.ephemeral);
    else if (vol.rbd) rbd(w, vol.rbd, false);
    else if (vol.quobyte) quobyte(w, vol.quobyte);
    else if (vol.downwardAPI) downwardAPI(w, vol.downwardAPI);
    else if (vol.azureDisk) azureDisk(w, vol.azureDisk);
    else if (vol.vsphereVolume) vsphere(w, vol.vsphereVolume);
    else if (vol.cinder) cinder(w, vol.cinder, false);
    else if (vol.photonPersistentDisk) photon(w, vol.photonPersistentDisk);
    else if (vol.portworxVolume) portworx(w, vol.portworxVolume);
    else if (vol.scaleIO) scaleIO(w, vol.scaleIO, false);
    else if (vol.cephfs) cephfs(w, vol.cephfs, false);
    else if (vol.storageos) storageOS(w, vol.storageos);
    else if (vol.fc) fc(w, vol.fc);
    else if (vol.azureFile) azureFile(w, vol.azureFile, false);
    else if (vol.flexVolume) flex(w, vol.flexVolume, false);
    else if (vol.flocker) flocker(w, vol.flocker);
    else if (vol.projected) projected(w, vol.projected);
    else if (vol.csi) csi(w, vol.csi, false);
    else if (vol.image) image(w, vol.image);
    else w.write(1, '<unknown>\n');
  }
}

/** The Source: section of a PersistentVolume. */
export function describePVSource(w: DescribeWriter, spec: any): void {
  if (spec.hostPath) hostPath(w, spec.hostPath);
  else if (spec.gcePersistentDisk) gce(w, spec.gcePersistentDisk);
  else if (spec.awsElasticBlockStore) aws(w, spec.awsElasticBlockStore);
  else if (spec.nfs) nfs(w, spec.nfs);
  else if (spec.iscsi) iscsi(w, spec.iscsi, true);
  else if (spec.glusterfs) glusterfs(w, spec.glusterfs, true);
  else if (spec.rbd) rbd(w, spec.rbd, true);
  else if (spec.quobyte) quobyte(w, spec.quobyte);
  else if (spec.vsphereVolume) vsphere(w, spec.vsphereVolume);
  else if (spec.cinder) cinder(w, spec.cinder, true);
  else if (spec.azureDisk) azureDisk(w, spec.azureDisk);
  else if (spec.photonPersistentDisk) photon(w, spec.photonPersistentDisk);
  else if (spec.portworxVolume) portworx(w, spec.portworxVolume);
  else if (spec.scaleIO) scaleIO(w, spec.scaleIO, true);
  else if (spec.local) local(w, spec.local);
  else if (spec.cephfs) cephfs(w, spec.cephfs, true);
  else if (spec.storageos) storageOS(w, spec.storageos);
  else if (spec.fc) fc(w, spec.fc);
  else if (spec.azureFile) azureFile(w, spec.azureFile, true);
  else if (spec.flexVolume) flex(w, spec.flexVolume, true);
  else if (spec.flocker) flocker(w, spec.flocker);
  else if (spec.csi) csi(w, spec.csi, true);
  else w.write(1, '<unknown>\n');
}
