//! Configuration that composes: `builder().from_env()?` then more settings, `<VAR>_FILE` for
//! secrets mounted as files, and `ClientSettings` read from YAML and TOML through serde,
//! against a mock of Weir's token endpoint.
//!
//! The tests set `WEIR_*` variables, which are process-wide: this binary is theirs alone, and
//! each test holds `ENV` while it touches them.

use std::path::PathBuf;
use std::sync::Mutex;

use tokenspec_core::providers::Weir;
use tokenspec_core::testing::{MockProvider, MockServer};
use tokenspec_core::{ClientSettings, ConfigError, RetryPolicy};
use tokenspec_tests::tls::{Ca, TlsFront};

static ENV: Mutex<()> = Mutex::new(());

const VARS: &[&str] = &[
    "WEIR_CLIENT_ID",
    "WEIR_CLIENT_ID_FILE",
    "WEIR_SECRET_KEY",
    "WEIR_SECRET_KEY_FILE",
    "WEIR_BASE_URL",
    "WEIR_BASE_URL_FILE",
    "WEIR_ROOT_CERTIFICATES_PEM",
    "WEIR_ROOT_CERTIFICATES_PEM_FILE",
    "WEIR_CLIENT_CERTIFICATE_PEM",
    "WEIR_CLIENT_CERTIFICATE_PEM_FILE",
    "WEIR_CLIENT_KEY_PEM",
    "WEIR_CLIENT_KEY_PEM_FILE",
    "WEIR_PROXY",
    "WEIR_USER_AGENT",
];

/// Sets `vars` (and clears the other `WEIR_*` ones). The caller holds `ENV`.
fn set_env(vars: &[(&str, &str)]) {
    for var in VARS {
        // SAFETY (edition 2024 marks these unsafe): this binary's tests touch the
        // environment only while holding `ENV`, and nothing else here reads it meanwhile.
        unsafe { std::env::remove_var(var) };
    }
    for (var, value) in vars {
        unsafe { std::env::set_var(var, value) };
    }
}

/// A file in the temporary directory holding `content`, named after `name` and this process.
fn temp_file(name: &str, content: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("tokenspec-{}-{name}", std::process::id()));
    std::fs::write(&path, content).expect("a temporary file");
    path
}

async fn mock() -> MockServer {
    MockProvider::for_plan(Weir::plan())
        .start()
        .await
        .expect("mock")
}

fn secret(mock: &MockServer) -> String {
    mock.credential("secret_key").unwrap_or_default().to_owned()
}

fn id(mock: &MockServer) -> String {
    mock.credential("client_id").unwrap_or_default().to_owned()
}

#[tokio::test]
async fn from_env_returns_a_builder_that_takes_more_settings_and_reads_secret_files() {
    let mock = mock().await;
    let file = temp_file("secret-key", &format!("{}\n", secret(&mock)));
    let client = {
        let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
        set_env(&[
            ("WEIR_CLIENT_ID", &id(&mock)),
            ("WEIR_SECRET_KEY_FILE", file.to_str().expect("a UTF-8 path")),
            ("WEIR_BASE_URL", &mock.base_url()),
        ]);
        Weir::builder()
            .from_env()
            .expect("the environment is complete")
            .retry(RetryPolicy::none())
            .allow_host("api.example.test")
            .build()
            .expect("valid configuration")
    };
    // One trailing newline was trimmed: the mock accepts the secret.
    client.access_token().await.expect("a token");
    assert_eq!(mock.requests().len(), 1);
    let _ = std::fs::remove_file(file);
}

#[tokio::test]
async fn from_env_reads_the_mtls_identity_and_roots_from_files() {
    let mock = mock().await;
    let server_ca = Ca::new("tokenspec env test server CA");
    let client_ca = Ca::new("tokenspec env test client CA");
    let client_leaf = client_ca.client_leaf("tokenspec env test client");
    let front = TlsFront::start(
        &server_ca.server_leaf("tokenspec env test server"),
        &client_ca,
        mock.addr(),
    )
    .await;
    let roots = temp_file("roots.pem", &server_ca.cert_pem);
    let cert = temp_file("client.pem", &client_leaf.cert_pem);
    let key = temp_file("client.key", &client_leaf.key_pem);
    let path = |p: &PathBuf| p.to_str().expect("a UTF-8 path").to_owned();
    let client = {
        let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
        set_env(&[
            ("WEIR_CLIENT_ID", &id(&mock)),
            ("WEIR_SECRET_KEY", &secret(&mock)),
            ("WEIR_BASE_URL", &front.base_url()),
            ("WEIR_ROOT_CERTIFICATES_PEM_FILE", &path(&roots)),
            ("WEIR_CLIENT_CERTIFICATE_PEM_FILE", &path(&cert)),
            ("WEIR_CLIENT_KEY_PEM_FILE", &path(&key)),
            ("WEIR_USER_AGENT", "env-test/1"),
        ]);
        let client = Weir::builder().from_env().map(|b| b.build());
        // Half an identity names the variable that is missing.
        unsafe { std::env::remove_var("WEIR_CLIENT_KEY_PEM_FILE") };
        let half = Weir::builder().from_env().expect_err("no key");
        assert_eq!(
            half,
            ConfigError::MissingEnv {
                var: "WEIR_CLIENT_KEY_PEM".into(),
                setter: "client_identity_pem".into()
            }
        );
        set_env(&[]);
        client
            .expect("the environment is complete")
            .expect("valid configuration")
    };
    client.access_token().await.expect("a token over mTLS");
    assert_eq!(mock.requests()[0].header("user-agent"), Some("env-test/1"));
    for file in [roots, cert, key] {
        let _ = std::fs::remove_file(file);
    }
}

#[tokio::test]
async fn client_from_env_still_builds_a_client() {
    let mock = mock().await;
    let client = {
        let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
        set_env(&[
            ("WEIR_CLIENT_ID", &id(&mock)),
            ("WEIR_SECRET_KEY", &secret(&mock)),
            ("WEIR_BASE_URL", &mock.base_url()),
        ]);
        Weir::from_env().expect("the environment is complete")
    };
    client.access_token().await.expect("a token");
}

#[test]
fn environment_errors_name_the_variable_and_never_the_value() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());

    set_env(&[("WEIR_CLIENT_ID", "id")]);
    let error = Weir::builder().from_env().expect_err("no secret key");
    assert_eq!(
        error,
        ConfigError::MissingEnv {
            var: "WEIR_SECRET_KEY".into(),
            setter: "secret_key".into()
        }
    );
    // A value set before counts for a variable left unset.
    Weir::builder()
        .secret_key("set-in-code")
        .from_env()
        .expect("the secret key was set in code")
        .build()
        .expect("valid configuration");

    let missing = std::env::temp_dir().join("tokenspec-no-such-file");
    set_env(&[
        ("WEIR_CLIENT_ID", "id"),
        ("WEIR_SECRET_KEY_FILE", missing.to_str().expect("UTF-8")),
    ]);
    let error = Weir::builder().from_env().expect_err("an unreadable file");
    let ConfigError::File {
        source_name, path, ..
    } = &error
    else {
        panic!("expected ConfigError::File, got {error:?}");
    };
    assert_eq!(source_name, "WEIR_SECRET_KEY_FILE");
    assert_eq!(path, missing.to_str().expect("UTF-8"));

    set_env(&[
        ("WEIR_CLIENT_ID", "id"),
        ("WEIR_SECRET_KEY", "env-secret-value"),
        ("WEIR_SECRET_KEY_FILE", missing.to_str().expect("UTF-8")),
    ]);
    let error = Weir::builder().from_env().expect_err("both set");
    assert_eq!(
        error,
        ConfigError::EnvConflict {
            var: "WEIR_SECRET_KEY".into()
        }
    );
    assert!(!error.to_string().contains("env-secret-value"));

    let big = temp_file("big", &"x".repeat(2 * 1024 * 1024));
    set_env(&[
        ("WEIR_CLIENT_ID", "id"),
        ("WEIR_SECRET_KEY_FILE", big.to_str().expect("UTF-8")),
    ]);
    let error = Weir::builder()
        .from_env()
        .expect_err("a file over the bound");
    assert!(
        matches!(&error, ConfigError::File { source_name, .. } if source_name == "WEIR_SECRET_KEY_FILE"),
        "{error:?}"
    );
    let _ = std::fs::remove_file(big);
    set_env(&[]);
}

#[tokio::test]
async fn settings_from_yaml_with_the_secret_from_a_file() {
    let mock = mock().await;
    let file = temp_file("yaml-secret", &format!("{}\n", secret(&mock)));
    let yaml = format!(
        "base_url: {}\n\
         allow_hosts: [api.example.test]\n\
         retry: {{ max_attempts: 1 }}\n\
         timeouts: {{ connect_ms: 2000, request_ms: 5000 }}\n\
         user_agent: settings-test/1\n\
         values:\n  client_id: {}\n  secret_key: {{ file: {} }}\n",
        mock.base_url(),
        id(&mock),
        file.display()
    );
    let settings: ClientSettings = serde_saphyr::from_str(&yaml).expect("valid YAML settings");
    let client = Weir::builder()
        .with_settings(&settings)
        .expect("complete settings")
        .build()
        .expect("valid configuration");
    client.access_token().await.expect("a token");
    assert_eq!(
        mock.requests()[0].header("user-agent"),
        Some("settings-test/1")
    );
    let _ = std::fs::remove_file(file);
}

#[tokio::test]
async fn settings_from_toml_with_the_secret_from_an_environment_variable() {
    let mock = mock().await;
    let toml_text = format!(
        "base_url = \"{}\"\n[values]\nclient_id = \"{}\"\nsecret_key = {{ env = \"TOKENSPEC_TOML_TEST_SECRET\" }}\n",
        mock.base_url(),
        id(&mock),
    );
    let settings: ClientSettings = toml::from_str(&toml_text).expect("valid TOML settings");
    let builder = {
        let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
        // SAFETY: as in `set_env`; this variable is this test's alone.
        unsafe { std::env::set_var("TOKENSPEC_TOML_TEST_SECRET", secret(&mock)) };
        let builder = Weir::builder().with_settings(&settings);
        unsafe { std::env::remove_var("TOKENSPEC_TOML_TEST_SECRET") };
        builder.expect("complete settings")
    };
    let client = builder.build().expect("valid configuration");
    client.access_token().await.expect("a token");
}

#[test]
fn settings_refuse_inline_secrets_and_name_the_key() {
    let inline: ClientSettings =
        serde_saphyr::from_str("values:\n  client_id: id\n  secret_key: inline-secret-value\n")
            .expect("valid YAML");
    let error = Weir::builder()
        .with_settings(&inline)
        .expect_err("an inline secret is refused");
    assert!(
        matches!(&error, ConfigError::InvalidSetting { key, .. } if key == "values.secret_key"),
        "{error:?}"
    );
    assert!(!error.to_string().contains("inline-secret-value"));
    assert!(!format!("{inline:?}").contains("inline-secret-value"));

    let unknown: ClientSettings =
        serde_saphyr::from_str("values:\n  client_idd: id\n").expect("valid YAML");
    let error = Weir::builder().with_settings(&unknown).expect_err("a typo");
    assert!(
        matches!(&error, ConfigError::InvalidSetting { key, .. } if key == "values.client_idd"),
        "{error:?}"
    );

    let incomplete: ClientSettings =
        serde_saphyr::from_str("values:\n  client_id: id\n").expect("valid YAML");
    let error = Weir::builder()
        .with_settings(&incomplete)
        .expect_err("no secret key");
    assert_eq!(
        error,
        ConfigError::MissingValue {
            setter: "secret_key".into()
        }
    );

    let proxy: ClientSettings =
        serde_saphyr::from_str("proxy: http://user:proxy-pass@proxy.test:3128\n")
            .expect("valid YAML");
    let error = Weir::builder()
        .client_id("id")
        .secret_key("s")
        .with_settings(&proxy)
        .expect_err("an inline proxy password is refused");
    assert!(
        matches!(&error, ConfigError::InvalidSetting { key, .. } if key == "proxy"),
        "{error:?}"
    );
    assert!(!error.to_string().contains("proxy-pass"));

    let typo = serde_saphyr::from_str::<ClientSettings>("base_ulr: https://x.test\n");
    assert!(typo.is_err(), "unknown keys are refused");
}
