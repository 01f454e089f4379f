"""The shop hub: tills send their records to one PostgreSQL database and receive each other's."""
