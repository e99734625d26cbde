/**
 * The two "who am I" documents of Salesforce's OAuth: the Identity URL response
 * (`/id/{orgId}/{userId}`, what jsforce's `conn.identity()` reads) and the OpenID Connect
 * UserInfo response (`/services/oauth2/userinfo`). Shapes follow Salesforce's, with the fields a
 * client reads filled from the User record.
 */
import type { SObjectRecord } from '../schema/types.js';

export interface IdentityContext {
  baseUrl: string;
  orgId: string;
  apiVersion: string;
}

function urls(ctx: IdentityContext, userId: string): Record<string, string> {
  const { baseUrl, orgId } = ctx;
  const data = `${baseUrl}/services/data/v{version}`;
  return {
    enterprise: `${baseUrl}/services/Soap/c/{version}/${orgId}`,
    metadata: `${baseUrl}/services/Soap/m/{version}/${orgId}`,
    partner: `${baseUrl}/services/Soap/u/{version}/${orgId}`,
    rest: `${data}/`,
    sobjects: `${data}/sobjects/`,
    search: `${data}/search/`,
    query: `${data}/query/`,
    recent: `${data}/recent/`,
    tooling_soap: `${baseUrl}/services/Soap/T/{version}/${orgId}`,
    tooling_rest: `${data}/tooling/`,
    profile: `${baseUrl}/${userId}`,
    feeds: `${data}/chatter/feeds`,
    groups: `${data}/chatter/groups`,
    users: `${data}/chatter/users`,
    feed_items: `${data}/chatter/feed-items`,
    feed_elements: `${data}/chatter/feed-elements`,
    custom_domain: baseUrl,
  };
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function isoDate(value: unknown): string | null {
  const text = str(value);
  return text ? new Date(text.replace(/\+0000$/, 'Z')).toISOString().replace(/\.\d{3}Z$/, '.000Z') : null;
}

export function identityUrl(ctx: IdentityContext, userId: string): string {
  return `${ctx.baseUrl}/id/${ctx.orgId}/${userId}`;
}

/** The Identity URL response. */
export function identityDocument(ctx: IdentityContext, user: SObjectRecord): Record<string, unknown> {
  const picture = `${ctx.baseUrl}/profilephoto/005/F`;
  return {
    id: identityUrl(ctx, user.Id),
    asserted_user: true,
    user_id: user.Id,
    organization_id: ctx.orgId,
    username: str(user.Username),
    nick_name: str(user.CommunityNickname),
    display_name: str(user.Name),
    email: str(user.Email),
    email_verified: true,
    first_name: str(user.FirstName),
    last_name: str(user.LastName),
    timezone: str(user.TimeZoneSidKey),
    photos: { picture, thumbnail: `${ctx.baseUrl}/profilephoto/005/T` },
    addr_street: null,
    addr_city: str(user.City),
    addr_state: null,
    addr_country: str(user.Country),
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: urls(ctx, user.Id),
    active: user.IsActive !== false,
    user_type: 'STANDARD',
    language: str(user.LanguageLocaleKey) ?? 'en_US',
    locale: str(user.LocaleSidKey) ?? 'en_US',
    utcOffset: 0,
    last_modified_date: isoDate(user.LastModifiedDate),
    is_app_installed: true,
  };
}

/** The OpenID Connect UserInfo response. */
export function userInfoDocument(ctx: IdentityContext, user: SObjectRecord): Record<string, unknown> {
  return {
    sub: identityUrl(ctx, user.Id),
    user_id: user.Id,
    organization_id: ctx.orgId,
    preferred_username: str(user.Username),
    nickname: str(user.CommunityNickname),
    name: str(user.Name),
    email: str(user.Email),
    email_verified: true,
    given_name: str(user.FirstName),
    family_name: str(user.LastName),
    zoneinfo: str(user.TimeZoneSidKey),
    photos: { picture: `${ctx.baseUrl}/profilephoto/005/F`, thumbnail: `${ctx.baseUrl}/profilephoto/005/T` },
    profile: `${ctx.baseUrl}/${user.Id}`,
    picture: `${ctx.baseUrl}/profilephoto/005/F`,
    address: { country: str(user.Country) },
    is_salesforce_integration_user: false,
    urls: urls(ctx, user.Id),
    active: user.IsActive !== false,
    user_type: 'STANDARD',
    language: str(user.LanguageLocaleKey) ?? 'en_US',
    locale: str(user.LocaleSidKey) ?? 'en_US',
    utcOffset: 0,
    updated_at: isoDate(user.LastModifiedDate),
    is_app_installed: true,
  };
}
