import { block, Rule, verdict } from '../../rule';

/** Storage account without blob versioning or soft delete. */
export const storageBlobRecovery: Rule = {
  id: 'AZ-ST-007',
  level: 'error',
  appliesTo: ['azurerm_storage_account'],
  message: "Storage account without blob versioning or soft delete",
  why: "Versioning and soft delete recover a blob overwritten or deleted by mistake, the state file included.",
  link: "https://learn.microsoft.com/azure/storage/common/../blobs/soft-delete-blob-overview",
  check: (r) => {
    const props = block(r.config.blob_properties);
    return verdict(props?.versioning_enabled === true || block(props?.delete_retention_policy)?.days !== undefined);
  },
};
