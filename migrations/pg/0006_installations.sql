CREATE TABLE "installations" (
	"platform" text NOT NULL,
	"install_key" text NOT NULL,
	"sealed" text NOT NULL,
	"installed_at" bigint NOT NULL,
	CONSTRAINT "installations_platform_install_key_pk" PRIMARY KEY("platform","install_key")
);
