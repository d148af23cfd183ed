package com.bank.auth.mfa.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The WebAuthn user handle of a user: random and stable, so each of their passkeys names the same account on an
 * authenticator, and never the {@code sub} (the handle is stored on the authenticator and shown to other RPs' tools).
 */
@Entity
@Table(name = "passkey_user")
public class PasskeyUser extends PanacheEntityBase {

    @Id
    public String sub;

    /** base64url of 32 random bytes. */
    @Column(name = "user_handle", nullable = false)
    public String userHandle;
}
