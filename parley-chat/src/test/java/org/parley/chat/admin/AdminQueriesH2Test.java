package org.parley.chat.admin;

import javax.sql.DataSource;
import org.parley.chat.support.H2Databases;

class AdminQueriesH2Test extends AdminQueriesContract {

    @Override
    DataSource freshDatabase() {
        return H2Databases.fresh("admin-");
    }
}
